import { interpolate, javaMajor, mavenRelease, readPom } from '../../../src/kinds/java/maven';
import { dockerfile, java, project } from '../helpers';

const BOOT_POM = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.2.3</version>
    <relativePath/> <!-- lookup parent from repository -->
  </parent>
  <groupId>com.example</groupId>
  <artifactId>catalog</artifactId>
  <version>0.0.1-SNAPSHOT</version>
  <name>catalog</name>
  <description>Catalog service</description>
  <properties>
    <java.version>17</java.version>
  </properties>
  <dependencies>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-web</artifactId>
    </dependency>
    <dependency>
      <groupId>org.postgresql</groupId>
      <artifactId>postgresql</artifactId>
      <version>42.7.2</version>
      <scope>runtime</scope>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-maven-plugin</artifactId>
      </plugin>
    </plugins>
  </build>
</project>
`;

const pom = (body: string, parent = '') => `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
${parent}${body}
</project>
`;

describe('Maven', () => {
  it('reads a Spring Boot service: wrapper, release, artifact, Boot version', () => {
    const facts = java({
      'pom.xml': BOOT_POM,
      mvnw: '#!/bin/sh',
      '.mvn/wrapper/maven-wrapper.properties': 'distributionUrl=x',
    });
    expect(facts).toEqual({
      buildTool: 'maven',
      wrapper: true,
      wrapperDir: '.',
      kotlinDsl: false,
      moduleDir: '.',
      buildFile: 'pom.xml',
      modules: [],
      buildsInImage: false,
      copiedArtifact: 'target/*.jar',
      release: 17,
      packaging: 'jar',
      artifactName: 'catalog-0.0.1-SNAPSHOT.jar',
      artifactDir: 'target',
      springBoot: '3.2.3',
      shadow: false,
      fatJar: 'spring-boot',
      libDir: null,
      applicationPlugin: false,
      copiedDirs: [],
      dependencyInputs: {
        files: [
          { path: '.mvn', dir: true, wrapperOnly: true },
          { path: 'mvnw', dir: false, wrapperOnly: true },
          { path: 'pom.xml', dir: false, wrapperOnly: false },
        ],
        blocker: null,
      },
    });
  });

  it('needs .mvn/ beside mvnw for the wrapper', () => {
    expect(java({ 'pom.xml': BOOT_POM, mvnw: '#!/bin/sh' }).wrapper).toBe(false);
  });

  it('interpolates finalName from model values and properties', () => {
    const facts = java({
      'pom.xml': pom(`  <groupId>com.acme</groupId>
  <artifactId>orders</artifactId>
  <version>2.4.1</version>
  <packaging>war</packaging>
  <properties>
    <app.suffix>-\${project.version}</app.suffix>
    <maven.compiler.source>1.8</maven.compiler.source>
    <maven.compiler.target>1.8</maven.compiler.target>
  </properties>
  <build>
    <finalName>\${project.artifactId}\${app.suffix}-\${artifactId}</finalName>
  </build>`),
    });
    expect(facts).toMatchObject({
      packaging: 'war',
      artifactName: 'orders-2.4.1-orders.war',
      release: 8,
      fatJar: null,
    });
  });

  it("reads only the project's own coordinates, not the parent's or dependencies', and ignores comments", () => {
    const facts = java({
      'pom.xml': pom(
        `  <!-- <artifactId>old-name</artifactId><version>9.9.9</version> -->
  <artifactId>billing</artifactId>
  <dependencies>
    <dependency><groupId>com.acme</groupId><artifactId>acme-core</artifactId><version>7.0.0</version></dependency>
  </dependencies>`,
        `  <parent>
    <groupId>com.acme</groupId>
    <artifactId>acme-parent</artifactId>
    <version>5.1.0</version>
  </parent>
`,
      ),
    });
    expect(facts.artifactName).toBe('billing-5.1.0.jar');
  });

  it('reads the release from maven.compiler.release, the compiler plugin and java.version, in that order', () => {
    const release = (props: string, plugin = '') =>
      mavenRelease(
        readPom(
          project({
            'pom.xml': pom(`  <artifactId>a</artifactId><version>1</version>
  <properties>${props}</properties>
  <build><plugins>${plugin}</plugins></build>`),
          }),
          'pom.xml',
        )!,
      );
    expect(
      release('<maven.compiler.release>21</maven.compiler.release><java.version>17</java.version>'),
    ).toBe(21);
    expect(
      release(
        '<jdk>11</jdk><maven.compiler.release>17</maven.compiler.release>',
        '<plugin><artifactId>maven-compiler-plugin</artifactId><version>3.12.1</version><configuration><release>${jdk}</release></configuration></plugin>',
      ),
    ).toBe(11);
    expect(release('<java.version>17</java.version><maven.compiler.source>11</maven.compiler.source>')).toBe(
      17,
    );
    expect(release('<maven.compiler.target>1.8</maven.compiler.target>')).toBe(8);
    expect(release('<maven.compiler.source>11</maven.compiler.source>')).toBe(11);
    expect(release('<maven.compiler.release>${missing}</maven.compiler.release>')).toBeNull();
    expect(release('')).toBeNull();
  });

  it('gives no artifact for a multi-module root, and lists its modules', () => {
    const root = pom(`  <groupId>com.acme</groupId>
  <artifactId>shop</artifactId>
  <version>1.3.0</version>
  <packaging>pom</packaging>
  <modules>
    <module>orders</module>
    <module>payments</module>
  </modules>
  <properties>
    <java.version>21</java.version>
    <spring-boot.version>3.1.9</spring-boot.version>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-dependencies</artifactId>
        <version>\${spring-boot.version}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>`);
    const child = (id: string) =>
      pom(
        `  <artifactId>${id}</artifactId>
  <build><plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>`,
        `  <parent><groupId>com.acme</groupId><artifactId>shop</artifactId><version>1.3.0</version></parent>
`,
      );
    const files = {
      'pom.xml': root,
      'orders/pom.xml': child('orders'),
      'payments/pom.xml': child('payments-service'),
    };
    expect(
      java(files, dockerfile('FROM maven:3.9-eclipse-temurin-21', 'COPY . .', 'RUN mvn -B package')),
    ).toMatchObject({
      moduleDir: '.',
      modules: ['orders', 'payments'],
      artifactName: null,
      buildsInImage: true,
      springBoot: '3.1.9',
    });
    // The Dockerfile names the module: -pl by folder or by :artifactId, -f, or the copied jar's path.
    for (const line of ['RUN mvn -B -pl orders -am package', 'RUN ./mvnw -f orders/pom.xml package']) {
      expect(java(files, dockerfile('FROM maven:3.9', 'COPY . .', line))).toMatchObject({
        moduleDir: 'orders',
        buildFile: 'orders/pom.xml',
        artifactName: 'orders-1.3.0.jar',
        artifactDir: 'orders/target',
        release: 21,
        springBoot: '3.1.9',
      });
    }
    expect(
      java(files, dockerfile('FROM maven:3.9', 'COPY . .', 'RUN mvn -pl :payments-service -am package')),
    ).toMatchObject({
      moduleDir: 'payments',
      artifactName: 'payments-service-1.3.0.jar',
    });
    expect(
      java(files, dockerfile('FROM eclipse-temurin:21-jre', 'COPY payments/target/*.jar /app.jar')),
    ).toMatchObject({
      moduleDir: 'payments',
      buildsInImage: false,
      copiedArtifact: 'payments/target/*.jar',
    });
  });

  it("takes the parent's properties and version, and a CI-friendly revision from .mvn/maven.config", () => {
    const files = {
      'pom.xml':
        pom(`  <groupId>com.acme</groupId><artifactId>platform</artifactId><version>\${revision}</version>
  <packaging>pom</packaging>
  <properties><revision>0.0.0-SNAPSHOT</revision><maven.compiler.release>17</maven.compiler.release></properties>
  <modules><module>apps/gateway</module></modules>`),
      '.mvn/maven.config': '-Drevision=4.2.0\n-B\n',
      'apps/gateway/pom.xml': pom(
        `  <artifactId>gateway</artifactId>
  <build><finalName>\${project.artifactId}</finalName></build>`,
        `  <parent><groupId>com.acme</groupId><artifactId>platform</artifactId><version>\${revision}</version><relativePath>../../pom.xml</relativePath></parent>
`,
      ),
    };
    const view = project(files);
    const gateway = readPom(view, 'apps/gateway/pom.xml')!;
    expect(interpolate(gateway, gateway.version)).toBe('4.2.0');
    expect(
      java(files, dockerfile('FROM maven:3', 'COPY . .', 'RUN mvn -pl apps/gateway package')),
    ).toMatchObject({
      moduleDir: 'apps/gateway',
      release: 17,
      artifactName: 'gateway.jar',
    });
  });

  it('ignores a parent pom in the context that is not the declared parent', () => {
    const files = {
      'pom.xml': pom(
        '  <artifactId>other</artifactId><version>1</version><properties><java.version>11</java.version></properties>',
      ),
      'svc/pom.xml': pom(
        '  <artifactId>svc</artifactId>',
        '  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>2.7.18</version></parent>\n',
      ),
    };
    const svc = readPom(project(files), 'svc/pom.xml')!;
    expect(svc.parentPom).toBeNull();
    expect(mavenRelease(svc)).toBeNull();
  });

  it('names the fat jar of shade, assembly and a Boot classifier', () => {
    const withPlugin = (plugin: string) =>
      java({
        'pom.xml': pom(`  <groupId>com.acme</groupId><artifactId>tool</artifactId><version>1.0</version>
  <build><plugins>${plugin}</plugins></build>`),
      });
    expect(
      withPlugin(
        '<plugin><artifactId>maven-shade-plugin</artifactId><executions><execution><phase>package</phase><goals><goal>shade</goal></goals></execution></executions></plugin>',
      ),
    ).toMatchObject({
      artifactName: 'tool-1.0.jar',
      fatJar: 'shade',
    });
    expect(
      withPlugin(
        '<plugin><artifactId>maven-shade-plugin</artifactId><configuration><shadedArtifactAttached>true</shadedArtifactAttached></configuration></plugin>',
      ).artifactName,
    ).toBe('tool-1.0-shaded.jar');
    expect(
      withPlugin(`<plugin><artifactId>maven-assembly-plugin</artifactId>
        <configuration><archive><manifest><mainClass>com.acme.Main</mainClass></manifest></archive>
          <descriptorRefs><descriptorRef>jar-with-dependencies</descriptorRef></descriptorRefs></configuration></plugin>`),
    ).toMatchObject({ artifactName: 'tool-1.0-jar-with-dependencies.jar', fatJar: 'assembly' });
    expect(
      withPlugin(
        '<plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId><version>2.7.18</version><configuration><classifier>exec</classifier></configuration></plugin>',
      ),
    ).toMatchObject({ artifactName: 'tool-1.0-exec.jar', fatJar: 'spring-boot', springBoot: '2.7.18' });
  });

  it('sees a thin jar with copy-dependencies into target/lib', () => {
    const facts = java({
      'pom.xml': pom(`  <groupId>com.acme</groupId><artifactId>worker</artifactId><version>3.0.0</version>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-jar-plugin</artifactId>
        <configuration><archive><manifest><addClasspath>true</addClasspath><classpathPrefix>lib/</classpathPrefix><mainClass>com.acme.Worker</mainClass></manifest></archive></configuration>
      </plugin>
      <plugin>
        <artifactId>maven-dependency-plugin</artifactId>
        <executions>
          <execution>
            <id>copy-dependencies</id>
            <phase>package</phase>
            <goals><goal>copy-dependencies</goal></goals>
            <configuration><outputDirectory>\${project.build.directory}/lib</outputDirectory></configuration>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>`),
    });
    expect(facts).toMatchObject({ artifactName: 'worker-3.0.0.jar', fatJar: null, libDir: 'target/lib' });
  });

  it('reads small helpers right', () => {
    expect(javaMajor('1.8')).toBe(8);
    expect(javaMajor('17')).toBe(17);
    expect(javaMajor('11.0.2')).toBe(11);
    expect(javaMajor('${x}')).toBeNull();
  });
});
