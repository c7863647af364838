package org.openbili.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * After every other acceptance test of this run (it is ordered last): no line that any platform of the run wrote,
 * on its console or in its JSON logs, carries an access token (a JWT), a password the tests used, or the
 * platform's internal client secret, at any level.
 */
@Order(Integer.MAX_VALUE)
class LogsHoldNoSecretsIntegrationTests {

    private static final Pattern JWT = Pattern.compile("eyJ[\\w-]{8,}\\.[\\w-]{8,}\\.[\\w-]*");
    private static final List<String> PASSWORDS = List.of("Sup3r-Secret!", SharedPlatform.ADMIN_PASSWORD);

    @Test
    void noLogLineOfTheRunCarriesATokenOrAPassword() throws IOException {
        List<Path> dataDirectories = PlatformProcess.dataDirectories();
        assertThat(dataDirectories).as("platforms this run started").isNotEmpty();
        List<String> leaks = new ArrayList<>();
        int files = 0;
        for (Path dataDir : dataDirectories) {
            List<String> secrets = new ArrayList<>(PASSWORDS);
            Path internal = dataDir.resolve("internal-client-secret");
            if (Files.exists(internal)) {
                secrets.add(Files.readString(internal).strip());
            }
            for (Path log : logs(dataDir)) {
                files++;
                try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                    lines.filter(line ->
                                    JWT.matcher(line).find() || secrets.stream().anyMatch(line::contains))
                            .limit(5)
                            .forEach(line -> leaks.add(log + ": " + abbreviate(line)));
                }
            }
        }
        assertThat(files).as("log files read").isPositive();
        assertThat(leaks)
                .as("log lines with a token, a password or the internal secret")
                .isEmpty();
    }

    /** The console log(s) at the top of a data folder and the services' JSON logs under logs/. */
    private static List<Path> logs(Path dataDir) {
        try (Stream<Path> top = Files.list(dataDir);
                Stream<Path> json = Files.isDirectory(dataDir.resolve("logs"))
                        ? Files.list(dataDir.resolve("logs"))
                        : Stream.empty()) {
            return Stream.concat(top.filter(p -> p.toString().endsWith(".log")), json)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 400 ? line.substring(0, 400) + "…" : line;
    }
}
