package io.parley.api;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client asking to upgrade a connection to HTTP/2 over clear text (h2c), as the JDK's HttpClient does on
 * every new connection, is answered in HTTP/1.1: the JDK client sometimes misreads the frames that follow a
 * 101 in the same read (application.properties, quarkus.http.http2), so the service never sends a 101.
 */
@QuarkusTest
class CleartextUpgradeTest {

    @TestHTTPResource("/openapi.yaml")
    URL contract;

    @Test
    void theJdkClientAskingForH2cIsAnsweredInHttp11WithTheWholeContract() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        assertThat(client.version()).as("the JDK client's default, which asks for the upgrade").isEqualTo(HttpClient.Version.HTTP_2);

        HttpResponse<byte[]> response = client.send(
                HttpRequest.newBuilder(contract.toURI()).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.body()).isEqualTo(Files.readAllBytes(Path.of("openapi.yaml")));
    }

    @Test
    void anUpgradeRequestGetsAnHttp11AnswerNotA101() throws Exception {
        // the JDK 17 client's upgrade request as it went on the wire (HTTP2-Settings: its SETTINGS payload)
        String request = "GET /openapi.yaml HTTP/1.1\r\nHost: " + contract.getHost() + ":" + contract.getPort() + "\r\n"
                + "Connection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAEAAEAAAAIAAAAAAAMAAAAAAAQBAAAAAAUAAEAAAAYABgAA\r\nUpgrade: h2c\r\nContent-Length: 0\r\n\r\n";
        try (Socket socket = new Socket(contract.getHost(), contract.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) statusLine.append((char) c);
            assertThat(statusLine.toString()).isEqualTo("HTTP/1.1 200 OK");
        }
    }
}
