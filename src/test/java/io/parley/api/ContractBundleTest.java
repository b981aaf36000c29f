package io.parley.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** openapi.yaml is the bundle of its parts under openapi/, and the bundler does what it says. */
class ContractBundleTest {

    @Test
    void theCommittedContractIsTheBundleOfItsParts() throws IOException {
        String committed = Files.readString(ContractBundle.BUNDLE);
        String bundled = ContractBundle.of(ContractBundle.PARTS).text();

        assertThat(firstDifference(committed, bundled))
                .as("openapi.yaml is not the bundle of openapi/: run scripts/bundle-openapi and commit the result")
                .isEmpty();
    }

    @Test
    void everyPartIsInTheBundle() throws IOException {
        Set<String> onDisk;
        try (Stream<Path> files = Files.walk(ContractBundle.PARTS)) {
            onDisk = files.filter(Files::isRegularFile)
                    .map(f -> ContractBundle.PARTS.relativize(f).toString().replace('\\', '/'))
                    .collect(Collectors.toSet());
        }

        assertThat(ContractBundle.of(ContractBundle.PARTS).parts()).containsExactlyInAnyOrderElementsOf(onDisk);
    }

    @Test
    void aPartIsIndentedAsItsDirectiveAndItsEmptyLinesStayEmpty(@TempDir Path parts) throws IOException {
        Files.writeString(parts.resolve("root.yaml"), "a:\n  # @include b.yaml\nc: 3\n");
        Files.writeString(parts.resolve("b.yaml"), "x: 1\n\ny:\n  # @include sub/c.yaml\n");
        Files.createDirectory(parts.resolve("sub"));
        Files.writeString(parts.resolve("sub/c.yaml"), "z: |\n  text\n");

        ContractBundle.Bundle bundle = ContractBundle.of(parts);

        assertThat(bundle.text()).isEqualTo(ContractBundle.BANNER + "a:\n  x: 1\n\n  y:\n    z: |\n      text\nc: 3\n");
        assertThat(bundle.parts()).containsExactlyInAnyOrder("root.yaml", "b.yaml", "sub/c.yaml");
    }

    @Test
    void aMissingPartIsNamedWithWhereItWasIncludedFrom(@TempDir Path parts) throws IOException {
        Files.writeString(parts.resolve("root.yaml"), "a:\n  # @include gone.yaml\n");

        assertThatThrownBy(() -> ContractBundle.of(parts)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gone.yaml is not a file").hasMessageContaining("(included from root.yaml)");
    }

    @Test
    void anIncludeCycleIsRefused(@TempDir Path parts) throws IOException {
        Files.writeString(parts.resolve("root.yaml"), "# @include a.yaml\n");
        Files.writeString(parts.resolve("a.yaml"), "# @include b.yaml\n");
        Files.writeString(parts.resolve("b.yaml"), "# @include a.yaml\n");

        assertThatThrownBy(() -> ContractBundle.of(parts)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("include cycle: root.yaml → a.yaml → b.yaml → a.yaml");
    }

    @Test
    void aPartWithCarriageReturnsIsRefused(@TempDir Path parts) throws IOException {
        Files.writeString(parts.resolve("root.yaml"), "a: 1\r\n");

        assertThatThrownBy(() -> ContractBundle.of(parts)).hasMessageContaining("root.yaml has CR line endings");
    }

    /** Where two texts first differ, by line, so a stale bundle is reported in a line, not 500 KB. */
    private static Optional<String> firstDifference(String committed, String bundled) {
        List<String> was = committed.lines().toList();
        List<String> should = bundled.lines().toList();
        for (int i = 0; i < Math.max(was.size(), should.size()); i++) {
            String a = i < was.size() ? was.get(i) : "(end of file)";
            String b = i < should.size() ? should.get(i) : "(end of file)";
            if (!a.equals(b)) {
                return Optional.of("line " + (i + 1) + ": committed «" + a + "», bundle «" + b + "»");
            }
        }
        return committed.equals(bundled) ? Optional.empty() : Optional.of("line endings or the final line break differ");
    }
}
