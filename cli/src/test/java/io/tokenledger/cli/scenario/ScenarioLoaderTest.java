package io.tokenledger.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenledger.cli.trace.TraceFormat;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {

    @Test
    void loadsTheBundledDemo() {
        Scenario demo = ScenarioLoader.load("demo");

        assertThat(demo.tenant()).isEqualTo("acme");
        assertThat(demo.environment()).isEqualTo("prod");
        assertThat(demo.customers().count()).isEqualTo(40);
        assertThat(demo.customers().name(1)).isEqualTo("cust-001");
        assertThat(demo.features()).extracting(FeatureSpec::name)
                .containsExactly("code-assist", "support-chat", "research-assistant");
        FeatureSpec research = demo.feature("research-assistant");
        assertThat(research.team()).isEqualTo("knowledge");
        assertThat(research.trace().format()).isEqualTo(TraceFormat.MOONCAKE_JSONL);
        assertThat(research.model().toString()).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(research.whatIf().toString()).isEqualTo("anthropic/claude-haiku-4-5");
        assertThat(demo.feature("code-assist").model().toString()).isEqualTo("mistral/codestral-latest");
        assertThat(demo.feature("support-chat").whatIf().toString()).isEqualTo("openai/gpt-5-nano");
        assertThat(demo.feature("support-chat").tags()).containsKey("trace_source");
        assertThat(demo.budgets()).hasSize(5);
        assertThat(demo.budgets().get(0).scope()).isEmpty();
        assertThat(demo.budgets().get(0).limitUsd()).isEqualByComparingTo(new BigDecimal("500"));
        assertThat(demo.budgets().get(0).thresholds()).containsExactly(50, 80, 100);
        for (FeatureSpec feature : demo.features()) {
            assertThat(Path.of("..").resolve(feature.trace().path())).isRegularFile();
        }
    }

    @Test
    void loadsFromAPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mini.yaml");
        Files.writeString(file, """
                tenant: t1
                environment: dev
                seed: 7
                customers: {count: 3, zipf_exponent: 1.0}
                time: {days_back: 2}
                features:
                  - name: chat
                    team: a
                    trace: {format: AZURE_CSV, path: x.csv}
                    model: {provider: openai, model: gpt-5-mini}
                budgets:
                  - {name: all, limit_usd: 1.5}
                """);

        Scenario s = ScenarioLoader.load(file.toString());

        assertThat(s.tenant()).isEqualTo("t1");
        assertThat(s.customers().prefix()).isEqualTo("cust-");
        assertThat(s.time().startUtc()).isEqualTo("09:00");
        assertThat(s.feature("chat").whatIf()).isNull();
        assertThat(s.feature("chat").tags()).isEqualTo(Map.of());
        assertThat(s.budgets().get(0).period()).isEqualTo("DAY");
        assertThat(s.budgets().get(0).thresholds()).isEqualTo(List.of(80, 100));
    }

    @Test
    void rejectsInvalidScenarios() throws Exception {
        assertThatThrownBy(() -> parse("tenant: t\nenvironment: e\ncustomers: {count: 3}\ntime: {}\nfeatures: []\n"))
                .hasMessageContaining("at least one feature");
        String demo = new String(ScenarioLoader.class.getResourceAsStream("/scenarios/demo.yaml").readAllBytes(),
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parse(demo + "\nbogus: 1\n")).hasMessageContaining("bogus");
        assertThatThrownBy(() -> ScenarioLoader.load("no-such-scenario")).hasMessageContaining("no-such-scenario");
    }

    private static Scenario parse(String yaml) throws Exception {
        return ScenarioLoader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
