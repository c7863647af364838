package org.openbili.recommend.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Interactions from a file, one per line: {@code user<TAB>item<TAB>rating<TAB>timestamp} with numeric ids (the
 * layout of MovieLens' {@code u.data}); the rating is the interaction's weight. Lines that are empty or start with
 * {@code #} are skipped.
 */
public final class InteractionFile {

    private InteractionFile() {}

    public static List<Interaction> read(Path file) throws IOException {
        List<Interaction> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields.length < 3) {
                    throw new IllegalArgumentException(
                            file + ":" + number + ": expected user<TAB>item<TAB>rating<TAB>timestamp");
                }
                try {
                    rows.add(new Interaction(
                            Long.parseLong(fields[0].strip()),
                            Long.parseLong(fields[1].strip()),
                            Float.parseFloat(fields[2].strip()),
                            fields.length > 3 ? Long.parseLong(fields[3].strip()) : 0));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage(), e);
                }
            }
        }
        return rows;
    }
}
