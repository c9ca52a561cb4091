// ProjectFacts: what detection learns from the build context and the Dockerfile, read by every transform.

export type Kind = 'node' | 'java';

export type NodePackageManager = 'npm' | 'yarn' | 'pnpm' | 'bun';

/** A bundler whose output (usually one folder of bundled files) is what runs. */
export type NodeBundler = 'esbuild' | 'vite' | 'webpack' | 'rollup' | 'tsup' | 'parcel' | 'ncc' | 'swc';

export interface NodeFacts {
  packageManager: NodePackageManager;
  /** `classic` (v1) or `berry` (v2+); only for yarn. */
  yarnFlavor: 'classic' | 'berry' | null;
  /**
   * How packageManager was decided: the `packageManager` field, the lockfile, a `.yarnrc.yml`, or
   * nothing in the context said (npm by default: check the Dockerfile before trusting it).
   */
  packageManagerSource: 'packageManager' | 'lockfile' | 'yarnrc' | 'default';
  /** The version in the `packageManager` field (`4.1.0` for `yarn@4.1.0+sha512...`), or null. */
  packageManagerVersion: string | null;
  /** Yarn berry's `nodeLinker` (`pnp` when `.yarnrc.yml` does not set one); null for other managers. */
  yarnNodeLinker: 'pnp' | 'node-modules' | 'pnpm' | null;
  /** Yarn berry's `yarnPath` from `.yarnrc.yml`, relative to the context (`.yarn/releases/yarn-4.1.0.cjs`). */
  yarnPath: string | null;
  /** `.yarnrc.yml` lists the workspace-tools plugin, which gives Yarn 2 and 3 `workspaces focus`. */
  yarnWorkspaceTools: boolean;
  /**
   * Yarn berry keeps package archives in its global cache (`~/.yarn/berry/cache`): `enableGlobalCache: true`,
   * or unset on Yarn 4 and later (or an unknown version). Null for other managers.
   */
  yarnGlobalCache: boolean | null;
  /** Yarn berry's `cacheFolder` as written (default `./.yarn/cache`, relative to .yarnrc.yml); null for other managers. */
  yarnCacheFolder: string | null;
  /**
   * The lockfile found in the context (relative path), or null: the nearest one from packageDir up to the
   * root, so a workspace member gets the root lockfile (`pnpm-lock.yaml` for `apps/api`). Null also when
   * the `packageManager` field names another manager than the lockfile's (it cannot drive a frozen install).
   */
  lockfile: string | null;
  /** The `packageManager` field of package.json (`pnpm@9.1.0`), for corepack. */
  packageManagerField: string | null;
  /** The folder of the package.json the image builds, relative to the context ('.' usually). */
  packageDir: string;
  /** The package.json read (`apps/api/package.json`), relative to the context; null when there is none. */
  manifest: string | null;
  name: string | null;
  /** Every script of that package.json. */
  scripts: Record<string, string>;
  /** The `build` script as written, or null. */
  buildScript: string | null;
  /**
   * What `npm start` / `yarn start` runs: the `start` script, or `node server.js` when there is none and a
   * server.js exists (npm's and pnpm's default); null when neither.
   */
  startScript: string | null;
  dependencies: string[];
  devDependencies: string[];
  /**
   * Dependencies that compile or ship native code (bcrypt, sharp, ...), sorted: known addons among
   * dependencies + devDependencies (and the root package.json's, for a workspace member), non-dev lockfile
   * packages with install scripts (npm `hasInstallScript`, pnpm `requiresBuild`), and the packages
   * `pnpm.onlyBuiltDependencies` / `trustedDependencies` allow to build. Harmless install scripts
   * (core-js, husky, esbuild, ...) are left out.
   */
  nativeAddons: string[];
  /**
   * Node version wishes outside the Dockerfile, trimmed, for notes only (never to change a major):
   * `nvmrc` is the content of `.nvmrc` or `.node-version` (nearest, first line), `engines` is `engines.node`.
   */
  nvmrc: string | null;
  /** The file nvmrc came from (`.nvmrc`, `apps/api/.node-version`), or null. */
  nodeVersionFile: string | null;
  engines: string | null;
  /** `next` when it is a dependency; `nest` for `@nestjs/core` or a `nest-cli.json`. */
  framework: 'next' | 'nest' | null;
  /**
   * Next.js whose exported config object itself sets `output: 'standalone'` (not behind a condition, a spread
   * or a computed value), so `next build` is known to write `.next/standalone`.
   */
  nextStandalone: boolean;
  /**
   * For a standalone Next.js app, the package folder's top-level folders in the build context that its
   * `.dockerignore` lets through (context-relative); empty otherwise.
   */
  nextContextFolders: string[];
  /** The Next.js config file, relative to the context, or null. */
  nextConfig: string | null;
  /** Next.js `distDir` when the config sets one; null means the default `.next`. */
  nextDistDir: string | null;
  /** A Next.js app with a `public/` folder (the standalone output needs it copied beside it). */
  nextPublicDir: boolean;
  /** The package folder holds its own `server.js` (a custom server, not the one a standalone build writes). */
  hasServerJs: boolean;
  /** TypeScript is used: a tsconfig.json in the package folder or `typescript` among its dependencies. */
  typescript: boolean;
  /**
   * The tsconfig the build compiles with, relative to the context: the `-p`/`--project` of a tsc or nest
   * build script, else `tsconfig.build.json` for NestJS when present, else `tsconfig.json`; null if none.
   */
  tsconfig: string | null;
  /** `compilerOptions.outDir` of that tsconfig (or of the one it extends), relative to packageDir. */
  tsOutDir: string | null;
  /** The bundler the build script runs (or the only one among the dependencies), or null. */
  bundler: NodeBundler | null;
  /** Workspace patterns declared by the root package.json (`workspaces`) or pnpm-workspace.yaml (`packages`). */
  workspaces: string[];
  /**
   * Packages that a production install or prune takes out of the built package's reach: devDependencies of
   * any manifest of the build (the package, its workspace root, every workspace member) that neither the
   * package nor a manifest above it lists under `dependencies`/`optionalDependencies`/`peerDependencies`, sorted.
   */
  devOnly: string[];
  /** Program names the dev-only packages provide (`tsc` -> `typescript`), from the lockfile and known tools. */
  devBins: Record<string, string>;
  /**
   * Dev-only packages the app's own files (those the image copies in, tests and build configs left out) load at
   * run time: imported as values, or named in a string a library may load (`target: 'pino-pretty'`).
   */
  devLoaded: DevLoad[];
  /**
   * Why it cannot be shown from those files (or the workspace members' manifests) what they load (too
   * many, too large, a syntax no parser reads, a module name computed at run time), and what the user can
   * change; null when it can.
   */
  sourceScanIncomplete: ScanGap | null;
  /**
   * Packages whose install downloads a browser into the home folder (puppeteer, playwright before 1.38,
   * playwright-chromium/-firefox/-webkit), listed in any dependency field, sorted.
   */
  browserDownloads: string[];
  /** Whether the lockfile records what package.json declares, so a frozen install succeeds; null without one. */
  lockfileSync: { inSync: true; lockfileVersion: number | null } | { inSync: false; reason: string } | null;
}

export interface DevLoad {
  /** The dev-only package. */
  name: string;
  /** The first file (context-relative) that loads it, or the build config that makes the output load it. */
  file: string;
  /** True when the file names it in a string rather than importing it. */
  named: boolean;
  /**
   * The package.json to move it into (context-relative): the one owning the file (`packages/api/package.json`
   * in a workspace), else the first that lists it under devDependencies; null when none is known.
   */
  manifest: string | null;
  /**
   * Set when the compiled output loads it because a build config says so, not the file itself: what the
   * config does (`sets importHelpers`, `uses @babel/plugin-transform-runtime`).
   */
  helper?: string;
}

/** Why something cannot be shown from the build context, and what the user can change so it can. */
export interface ScanGap {
  reason: string;
  fix: string;
}

/** A script the start command runs (or one such a script runs), found in the build context. */
export interface StartScript {
  /** Its path in the build context (`docker-entrypoint.sh`). */
  path: string;
  /** The program its `#!` line names when the start runs it directly (`bash`); null otherwise. */
  interpreter: string | null;
  /** Its text, when it is a shell script small enough to read; null otherwise. */
  text: string | null;
  /** Why a shell script's text was not read (`is larger than 256 KB`), or null. */
  unread: string | null;
}

export type JavaBuildTool = 'maven' | 'gradle';

/** What makes a Java artifact self-contained (dependencies inside it). */
export type FatJar = 'spring-boot' | 'shadow' | 'shade' | 'assembly';

export interface JavaFacts {
  buildTool: JavaBuildTool | null;
  /**
   * The wrapper is usable: `mvnw` beside a `.mvn/` folder, or `gradlew` beside `gradle/wrapper/`, in the
   * module folder or a folder above it.
   */
  wrapper: boolean;
  /** The folder holding that wrapper, relative to the context, or null. */
  wrapperDir: string | null;
  /**
   * The folder of the module whose artifact the image runs, relative to the context ('.' usually): from
   * Maven `-f`/`-pl`, Gradle `-p` or a `:module:task`, the copied jar's path (`orders/target/...`).
   */
  moduleDir: string;
  /** The build file read for that module (`orders/pom.xml`, `build.gradle.kts`), or null. */
  buildFile: string | null;
  /** Modules of the root build (Maven `<modules>`, Gradle `include`s), as folders relative to the context. */
  modules: string[];
  /** A RUN in the Dockerfile runs mvn/mvnw/gradle/gradlew: the artifact is built inside the image. */
  buildsInImage: boolean;
  /** The COPY/ADD source of a prebuilt .jar/.war (`target/*.jar`), normalised, or null. */
  copiedArtifact: string | null;
  /** Gradle build script written in Kotlin (`build.gradle.kts`). */
  kotlinDsl: boolean;
  /** Java release from the project files (`maven.compiler.release`, toolchains, ...); null when unknown. */
  release: number | null;
  packaging: 'jar' | 'war';
  /** The artifact file name the build produces (`catalog-1.0.0.jar`), or null when it cannot be known. */
  artifactName: string | null;
  /**
   * The folder the build writes artifacts to, relative to the context: `target` (Maven) or `build/libs`
   * (Gradle), under moduleDir (`orders/target`).
   */
  artifactDir: string | null;
  /**
   * Spring Boot version, when the project uses it: Maven's starter parent, `spring-boot-dependencies` BOM
   * or plugin version; Gradle's `org.springframework.boot` plugin version (plugins block, version catalog,
   * buildscript classpath) or BOM. Null also when Boot is used but its version is not in the context.
   */
  springBoot: string | null;
  /** The Gradle shadow plugin (fat `-all.jar`) is applied. */
  shadow: boolean;
  /**
   * What makes the artifact self-contained: Spring Boot's repackage/bootJar, Gradle shadow, Maven shade,
   * Maven assembly's jar-with-dependencies; null for a plain jar (which needs libDir or a classpath).
   */
  fatJar: FatJar | null;
  /**
   * The dependency folder a thin jar runs with, relative to the context (`target/lib`, from
   * maven-dependency-plugin's copy-dependencies), or null.
   */
  libDir: string | null;
  /** Gradle's `application` plugin is applied (`installDist` makes `build/install/<name>` with lib/ and bin/). */
  applicationPlugin: boolean;
  /**
   * COPY/ADD sources (normalised, as `copySources` gives them) that are folders in the build context: a
   * folder's contents land in the destination, a file lands as itself, so where a copy puts things depends on it. Absent: none known.
   */
  copiedDirs?: string[];
  /**
   * Paths the start command, the JVM options in ENV or Spring Boot's default config locations name that a COPY
   * from the build context fills: `image` absolute in the image, `source` the context path it comes from.
   * Absent: none known.
   */
  contextNamed?: Array<{ image: string; source: string }>;
  /**
   * What resolving the dependencies reads at the context root, for a build there: absent when the module is
   * elsewhere. Lets a Dockerfile copy those files alone (and resolve) before the sources.
   */
  dependencyInputs?: JavaDependencyInputs;
}

/** One file or folder at the context root that dependency resolution reads. */
export interface JavaDependencyInput {
  /** Relative to the context (`pom.xml`, `.mvn`, `gradle`). */
  path: string;
  /** A folder: a COPY puts its contents, so it needs a destination of its own name. */
  dir: boolean;
  /** Only the wrapper needs it (`mvnw`, or `.mvn/`/`gradle/` holding nothing but `wrapper/`). */
  wrapperOnly: boolean;
}

export interface JavaDependencyInputs {
  /** The inputs the context holds, in the order worth copying them (least often changed first). */
  files: JavaDependencyInput[];
  /**
   * Why those files alone cannot resolve the dependencies (`buildSrc/` is compiled while the build is
   * configured, a `<systemPath>` points into the project, ...), or null.
   */
  blocker: string | null;
}

export interface ProjectFacts {
  /** Node or Java, from the base image and the project files; null for anything else. */
  kind: Kind | null;
  /** Why kind is null (`FROM golang:1.22`), for the skip reason. */
  kindReason: string | null;
  /** Shells the `#!` lines of the start command's scripts name (`bash`): a slim base may lack them. */
  startShells: string[];
  /** The scripts of the build context the start command runs, and those they run in turn. */
  startScripts: StartScript[];
  node: NodeFacts | null;
  java: JavaFacts | null;
}
