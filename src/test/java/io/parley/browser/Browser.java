package io.parley.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.Fixtures;
import io.parley.TestCaller;

/**
 * One headless Chromium for all browser tests (starting one costs seconds on a loaded machine):
 * Debian's chromium driven by Debian's chromedriver, which scripts/test installs. Without them the
 * tests fail, saying so; they never skip.
 */
final class Browser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where the tests leave their screenshots (docs/spreadsheets.md shows copies of them). */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Long enough for the analyses to answer on a loaded 2-core machine, short enough to fail a hang. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private static WebDriver driver;

    private Browser() {
    }

    static synchronized WebDriver driver() {
        if (driver == null) {
            for (Path tool : new Path[] {CHROMIUM, CHROMEDRIVER}) {
                if (!Files.isExecutable(tool)) {
                    throw new IllegalStateException(tool + " is missing: the browser tests need Debian's chromium and "
                            + "chromium-driver (scripts/test installs them: apt-get install -y chromium chromium-driver)");
                }
            }
            driver = start();
            Runtime.getRuntime().addShutdownHook(new Thread(driver::quit));
        }
        return driver;
    }

    private static WebDriver start() {
        Path profile;
        try {
            profile = Files.createTempDirectory("parley-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().window().setSize(new Dimension(1400, 2300));
        // the pages send the key their tab holds (workbench/api.js): every page this browser opens holds
        // the test suite's administrator key, as if a person had entered it
        // (a page opened with ?signed-out starts without one, as a person's first visit does)
        chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "if (/[?&]signed-out\\b/.test(location.search)) sessionStorage.removeItem('parley.key');"
                + " else if (window.parent === window) sessionStorage.setItem('parley.key', '" + TestCaller.ADMIN_KEY + "');"
                // a frame of the stand-in Office host (its dialog) gets the host's stand-in Office
                + " try { if (window.parent !== window && window.parent.officeDialogStandIn)"
                + " window.Office = window.parent.officeDialogStandIn(window); } catch (e) { }"
                // a page asks for a key after a 401 (workbench/api.js); nobody is there to answer, as if
                // Cancel were pressed: the 401 stands, and no dialog blocks the next page
                + " window.prompt = () => null;"));
        // Office's own library is never loaded: the stand-in host plays Office, offline and the same every run
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*appsforoffice.microsoft.com*")));
        chrome.manage().timeouts().scriptTimeout(PATIENCE);
        return chrome;
    }

    /** Runs a script in the page and reads the JSON text it returns. */
    static JsonNode json(String script, Object... arguments) {
        Object text = ((JavascriptExecutor) driver()).executeScript(script, arguments);
        return Fixtures.json(String.valueOf(text));
    }

    /** Runs a script whose answer is a promise of JSON text, and reads that JSON. */
    static JsonNode async(String script, Object... arguments) {
        String wrapped = "const done = arguments[arguments.length - 1];"
                + " (async (...args) => { " + script + " })(...Array.prototype.slice.call(arguments, 0, -1))"
                + ".then(done, e => done(JSON.stringify({ failed: String(e) })));";
        Object text = ((JavascriptExecutor) driver()).executeAsyncScript(wrapped, arguments);
        return Fixtures.json(String.valueOf(text));
    }

    static Object run(String script, Object... arguments) {
        return ((JavascriptExecutor) driver()).executeScript(script, arguments);
    }

    /** Waits until the script returns true. */
    static void until(String what, String script, Object... arguments) {
        new WebDriverWait(driver(), PATIENCE).withMessage(what)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(script, arguments)));
    }

    static Path screenshot(String name) {
        return screenshot(name, (TakesScreenshot) driver());
    }

    /** A screenshot of the window, or of one element of the page. */
    static Path screenshot(String name, TakesScreenshot what) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, what.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
