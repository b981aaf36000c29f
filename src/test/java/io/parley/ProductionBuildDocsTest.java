package io.parley;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MariaDB build the README and the Kubernetes manifest tell operators to run sets what the test
 * profile sets, which every run of the suite proves against a real MariaDB: the database kind and
 * the driver class (the plain driver has no Quarkus extension, so the kind alone does not find it).
 * Nothing else in CI builds the production package for MariaDB; this keeps the documented command
 * from drifting away from the one that works.
 */
class ProductionBuildDocsTest {

    static Properties tested() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(Path.of("src/main/resources/application.properties"))));
        return p;
    }

    static String buildFlags() throws IOException {
        Properties p = tested();
        return "-Dquarkus.datasource.db-kind=" + p.getProperty("%test.quarkus.datasource.db-kind")
                + " -Dquarkus.datasource.jdbc.driver=" + p.getProperty("%test.quarkus.datasource.jdbc.driver");
    }

    @Test
    void theReadmesMariaDbBuildSetsWhatTheTestedProfileSets() throws IOException {
        assertThat(buildFlags()).isEqualTo(
                "-Dquarkus.datasource.db-kind=mariadb -Dquarkus.datasource.jdbc.driver=org.mariadb.jdbc.Driver");
        assertThat(Files.readString(Path.of("README.md"))).contains("mvn -B package -DskipTests " + buildFlags());
    }

    @Test
    void theKubernetesManifestSaysToBuildTheSameWay() throws IOException {
        assertThat(Files.readString(Path.of("k8s/base/deployment.yaml"))).contains("mvn -B package -DskipTests " + buildFlags());
    }
}
