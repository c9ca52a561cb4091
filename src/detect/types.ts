// ProjectFacts: what detection learns from the build context and the Dockerfile, read by every transform.

export type Kind = 'node' | 'java';

export type NodePackageManager = 'npm' | 'yarn' | 'pnpm' | 'bun';

export interface NodeFacts {
  packageManager: NodePackageManager;
  /** `classic` (v1) or `berry` (v2+); only for yarn. */
  yarnFlavor: 'classic' | 'berry' | null;
  /** The lockfile found in the context (relative path), or null. */
  lockfile: string | null;
  /** The `packageManager` field of package.json (`pnpm@9.1.0`), for corepack. */
  packageManagerField: string | null;
  /** The folder of the package.json the image builds, relative to the context ('.' usually). */
  packageDir: string;
  name: string | null;
  scripts: Record<string, string>;
  dependencies: string[];
  devDependencies: string[];
  /** Dependencies that compile or ship native code (bcrypt, sharp, ...), from package.json and the lockfile. */
  nativeAddons: string[];
  /** Node version wishes outside the Dockerfile: `.nvmrc`, `.node-version`, `engines.node`. */
  nvmrc: string | null;
  engines: string | null;
  framework: 'next' | 'nest' | null;
  /** Next.js with `output: 'standalone'` in its config. */
  nextStandalone: boolean;
  /** `compilerOptions.outDir` of tsconfig.json, when there is one. */
  tsOutDir: string | null;
  /** Workspaces declared by the root package.json or pnpm-workspace.yaml. */
  workspaces: string[];
}

export type JavaBuildTool = 'maven' | 'gradle';

export interface JavaFacts {
  buildTool: JavaBuildTool | null;
  /** `mvnw` / `gradlew` present in the context. */
  wrapper: boolean;
  /** Gradle build script written in Kotlin (`build.gradle.kts`). */
  kotlinDsl: boolean;
  /** Java release from the project files (`maven.compiler.release`, toolchains, ...); null when unknown. */
  release: number | null;
  packaging: 'jar' | 'war';
  /** The artifact file name the build produces (`catalog-1.0.0.jar`), or null when it cannot be known. */
  artifactName: string | null;
  /** The folder the build writes artifacts to: `target` (Maven) or `build/libs` (Gradle). */
  artifactDir: string | null;
  /** Spring Boot version, when the project uses it. */
  springBoot: string | null;
  /** The Gradle shadow plugin (fat `-all.jar`) is applied. */
  shadow: boolean;
}

export interface ProjectFacts {
  /** Node or Java, from the base image and the project files; null for anything else. */
  kind: Kind | null;
  /** Why kind is null (`FROM golang:1.22`), for the skip reason. */
  kindReason: string | null;
  node: NodeFacts | null;
  java: JavaFacts | null;
}
