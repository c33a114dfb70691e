package io.tokenledger.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

    private static Args parse(String... argv) {
        return Args.parse(List.of(argv), Commands.INFRA_OPTIONS, Set.of());
    }

    @Test
    void parsesCommandAndOptions() {
        Args args = parse("demo", "--rows", "300", "--out=/tmp/x", "--pg-url", "jdbc:postgresql://h:5432/db");

        assertThat(args.command()).isEqualTo("demo");
        assertThat(args.intOption("rows", 0, 1)).isEqualTo(300);
        assertThat(args.option("out", "out")).isEqualTo("/tmp/x");
        assertThat(args.option("pg-url")).contains("jdbc:postgresql://h:5432/db");
        assertThat(args.option("redis-url")).isEmpty();
        assertThat(args.intOption("batch", 500, 1)).isEqualTo(500);
    }

    @Test
    void defaultsToHelp() {
        assertThat(parse().command()).isEqualTo("help");
        assertThat(parse("demo", "--help").flag("help")).isTrue();
        assertThat(parse("--help").command()).isEqualTo("help");
    }

    @Test
    void rejectsMistakes() {
        assertThatThrownBy(() -> parse("demo", "--rowz", "3")).hasMessageContaining("unknown option --rowz");
        assertThatThrownBy(() -> parse("demo", "--rows")).hasMessageContaining("--rows needs a value");
        assertThatThrownBy(() -> parse("demo", "stray")).hasMessageContaining("unexpected argument 'stray'");
        assertThatThrownBy(() -> parse("demo", "--rows", "x").intOption("rows", 0, 1))
                .hasMessageContaining("must be an integer");
        assertThatThrownBy(() -> parse("demo", "--rows", "0").intOption("rows", 0, 1))
                .hasMessageContaining("must be >= 1");
    }

    @Test
    void unknownCommandExitsWithUsageError() {
        assertThat(Commands.run(new String[] {"frobnicate"})).isEqualTo(2);
        assertThat(Commands.run(new String[] {"help"})).isZero();
    }
}
