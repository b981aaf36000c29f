package io.parley.api;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Report;
import io.parley.model.Scenario;

/**
 * The work of one {@code POST /api/v1/evaluate} of the packaging example (2.3 KB in, 5.7 KB out) in
 * process, without HTTP, whole and step by step: the JSON read into the model and validated, the
 * scenario compiled and evaluated, its provenance (two SHA-256 hashes of canonical forms), and the
 * answer written. Run with {@code -prof gc}: bytes allocated per request are stable on a loaded
 * machine where times are not. It lives in {@code io.parley.api} because the steps are the shell's.
 *
 * <p>{@code mvn -B -Pbench test-compile exec:exec -Dbench.args=EvaluateRequestBenchmark} runs it; with
 * {@code -prof gc}, JMH started directly as docs/performance.md shows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EvaluateRequestBenchmark {

    private final ObjectMapper mapper = new ObjectMapper();
    private final ProvenanceSource provenances = new ProvenanceSource("bench", mapper);
    private byte[] body;
    private JsonNode tree;
    private Scenario scenario;
    private Report report;
    private Provenance provenance;

    @Setup
    public void read() throws IOException {
        new NonFiniteAsNull().customize(mapper); // as the service's mapper writes answers
        body = Fixtures.exampleText("packaging-retailer-renewal.json").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        tree = mapper.readTree(body);
        scenario = EvaluationResource.readScenario(tree, "");
        report = CompiledScenario.compile(scenario).report();
        provenance = provenances.of(scenario);
    }

    /** The whole request: read, validate, evaluate, provenance, answer. */
    @Benchmark
    public byte[] wholeRequest() throws IOException {
        Scenario s = EvaluationResource.readScenario(mapper.readTree(body), "");
        Report r = CompiledScenario.compile(s).report();
        return mapper.writeValueAsBytes(ResultJson.evaluation(s, r, false, provenances.of(s)));
    }

    /** The body parsed into a JSON tree. */
    @Benchmark
    public JsonNode parse() throws IOException {
        return mapper.readTree(body);
    }

    /** The tree read into the model, its rules checked. */
    @Benchmark
    public Scenario readAndValidate() {
        return EvaluationResource.readScenario(tree, "");
    }

    /** The scenario compiled and every figure worked. */
    @Benchmark
    public Report compileAndEvaluate() {
        return CompiledScenario.compile(scenario).report();
    }

    /** The scenario's hash and the request's. */
    @Benchmark
    public Provenance provenance() {
        return provenances.of(scenario);
    }

    /** The answer written as JSON. */
    @Benchmark
    public byte[] writeAnswer() throws IOException {
        return mapper.writeValueAsBytes(ResultJson.evaluation(scenario, report, false, provenance));
    }

    /** The answer as it was written before {@link EvaluationWriter}: records and ordered maps, Jackson's generic path. */
    @Benchmark
    public byte[] writeAnswerGenericPath() throws IOException {
        return mapper.writeValueAsBytes(EvaluationWriterTest.Reference.of(scenario, report, false, provenance));
    }
}
