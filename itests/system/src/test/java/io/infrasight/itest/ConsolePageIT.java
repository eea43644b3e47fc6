package io.infrasight.itest;

import static io.infrasight.itest.Distribution.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A person's view: headless Chromium logs in to the web console, opens the InfraSight page, watches
 * the exec rate move while commands run, filters the live tail to one process, and switches a
 * probe off and on. Screenshots go to target/screenshots.
 */
class ConsolePageIT {
    private static Distribution dist;
    private static ChromeDriver browser;
    private static Path userData;

    @BeforeAll
    static void boot() throws Exception {
        dist = new Distribution("console");
        dist.start();
        userData = Files.createTempDirectory("chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,2400", "--user-data-dir=" + userData);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (dist != null) {
            dist.close();
        }
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Path.of(System.getProperty("infrasight.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static double execRate() {
        Object v = js("var c = window.infrasight && window.infrasight.charts.events;"
                + " return c ? (c.last('probe.exec') || 0) : -1;");
        return ((Number) v).doubleValue();
    }

    /**
     * Clicks a probe's Enable/Disable button. The table is redrawn every second, so the button is
     * found and clicked in one step in the page (a WebElement held across a redraw goes stale).
     */
    private static void clickToggle(String id) {
        Object clicked = js("var b = document.querySelector(\"#is-probes tr[data-probe='" + id
                + "'] button.is-toggle\"); if (!b) { return false; } b.click(); return true;");
        assertTrue(Boolean.TRUE.equals(clicked), "no toggle button for " + id);
    }

    private static String probeState(String id) {
        List<WebElement> rows = browser.findElements(By.cssSelector("#is-probes tr[data-probe='" + id + "'] td"));
        return rows.size() > 1 ? rows.get(1).getText() : "";
    }

    /** Runs short commands until stopped, so that the exec probe has something to report. */
    private static Thread commandLoop(AtomicBoolean running) {
        Thread t = new Thread(() -> {
            while (running.get()) {
                try {
                    new ProcessBuilder("/bin/true").start().waitFor();
                    Thread.sleep(20);
                } catch (Exception e) {
                    return;
                }
            }
        }, "command-loop");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void anOperatorWatchesFiltersAndSwitchesProbesInTheConsole() throws Exception {
        // Log in: HTTP Basic through the URL, as a browser user would type it once.
        browser.get("http://admin:" + dist.password() + "@127.0.0.1:" + dist.port + "/system/console/infrasight");
        waitFor(Duration.ofSeconds(30), "the probes table", () -> probeState("probe.exec").equals("RUNNING"));
        assertTrue(browser.getTitle().length() > 0);
        assertTrue(browser.getPageSource().contains("Events/s by source"));

        AtomicBoolean running = new AtomicBoolean(true);
        Thread loop = commandLoop(running);
        try {
            waitFor(Duration.ofSeconds(30), "the exec rate chart to move", () -> execRate() > 1);
            screenshot("1-exec-rate-moving");

            // Filter the tail to one process.
            Process marked = new ProcessBuilder("/bin/sleep", "0.2").start();
            long pid = marked.pid();
            marked.waitFor();
            WebElement process = browser.findElement(By.id("is-f-process"));
            process.sendKeys(Long.toString(pid));
            waitFor(Duration.ofSeconds(30), "the tail to show process " + pid, () -> {
                List<WebElement> cells = browser.findElements(By.cssSelector("#is-events td.is-proc"));
                return !cells.isEmpty() && cells.stream().allMatch(c -> c.getText().endsWith("[" + pid + "]"));
            });
            assertTrue(browser.findElements(By.cssSelector("#is-events td.is-proc")).stream()
                    .anyMatch(c -> c.getText().startsWith("sleep")));
            screenshot("2-tail-filtered-to-one-process");
            process.clear();
            js("document.getElementById('is-f-process').dispatchEvent(new Event('input'));");

            // Switch the exec probe off: its rate drops to zero; on again: it returns.
            clickToggle("probe.exec");
            waitFor(Duration.ofSeconds(30), "the exec probe to be disabled",
                    () -> probeState("probe.exec").equals("DISABLED"));
            waitFor(Duration.ofSeconds(30), "the exec rate to drop to zero", () -> execRate() == 0);
            Thread.sleep(2000);
            assertEquals(0.0, execRate(), "no exec events while disabled");
            screenshot("3-exec-probe-disabled");
            clickToggle("probe.exec");
            waitFor(Duration.ofSeconds(30), "the exec probe to run again",
                    () -> probeState("probe.exec").equals("RUNNING"));
            waitFor(Duration.ofSeconds(30), "the exec rate to return", () -> execRate() > 1);
            screenshot("4-exec-probe-enabled-again");
        } finally {
            running.set(false);
            loop.join(5000);
        }
        // The choice was written back to the probe's configuration file, as an operator would expect.
        String cfg = Files.readString(dist.home.resolve("etc/io.infrasight.probe.exec.cfg"));
        assertTrue(cfg.lines().anyMatch(l -> l.replace(" ", "").equals("enabled=true")), cfg);
        // Detection capabilities that are not installed say so instead of showing nothing.
        assertFalse(browser.findElement(By.id("is-sections")).getText().isBlank());
        // Both anomaly model families are installed in standalone: their models table lists the
        // global process models of each, learning (the default learning phase is an hour).
        waitFor(Duration.ofSeconds(60), "the models table with both families", () -> {
            String models = browser.findElement(By.id("is-section-models")).getText();
            return models.contains("resource") && models.contains("syscall") && models.contains("process:global")
                    && models.contains("LEARNING");
        });
    }
}
