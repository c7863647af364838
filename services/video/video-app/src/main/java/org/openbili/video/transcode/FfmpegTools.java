package org.openbili.video.transcode;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where ffmpeg and ffprobe are: the system's when both are on the PATH (unless {@code bundled} is asked for),
 * else the executables inside {@code org.bytedeco:ffmpeg}, which JavaCPP unpacks once into its cache, so
 * standalone mode needs no install. The bundled executables find their libraries through LD_LIBRARY_PATH: theirs,
 * then the process's own.
 */
public final class FfmpegTools {

    private static final Logger log = LoggerFactory.getLogger(FfmpegTools.class);

    private final String mode;
    private final String searchPath;
    private volatile Tools tools;

    public FfmpegTools(String mode, String searchPath) {
        this.mode = mode == null || mode.isBlank() ? "auto" : mode;
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    /** The tools as the process environment finds them. */
    public static FfmpegTools fromEnvironment(String mode) {
        return new FfmpegTools(mode, System.getenv("PATH"));
    }

    /** The two executables and the environment they need. */
    public record Tools(Path ffmpeg, Path ffprobe, Map<String, String> environment, boolean bundled) {

        public ProcessBuilder ffmpeg(List<String> arguments) {
            return builder(ffmpeg, arguments);
        }

        public ProcessBuilder ffprobe(List<String> arguments) {
            return builder(ffprobe, arguments);
        }

        private ProcessBuilder builder(Path executable, List<String> arguments) {
            List<String> command = new ArrayList<>();
            command.add(executable.toString());
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            return builder;
        }
    }

    public Tools tools() {
        Tools found = tools;
        if (found == null) {
            synchronized (this) {
                if (tools == null) {
                    tools = locate();
                    log.info("Using {} ffmpeg at {}", tools.bundled() ? "the bundled" : "the system's", tools.ffmpeg());
                }
                found = tools;
            }
        }
        return found;
    }

    private Tools locate() {
        if (!"bundled".equals(mode)) {
            Optional<Path> ffmpeg = onPath("ffmpeg");
            Optional<Path> ffprobe = onPath("ffprobe");
            if (ffmpeg.isPresent() && ffprobe.isPresent()) {
                return new Tools(ffmpeg.get(), ffprobe.get(), Map.of(), false);
            }
            if ("system".equals(mode)) {
                throw new IllegalStateException("ffmpeg and ffprobe are not both on the PATH: " + searchPath);
            }
        }
        Path ffmpeg;
        Path ffprobe;
        try {
            ffmpeg = Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
            ffprobe = Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
        } catch (LinkageError e) {
            // on Linux the bundled libavdevice needs PulseAudio's client library (Debian: libpulse0)
            throw new IllegalStateException(
                    "The bundled ffmpeg cannot load its libraries (" + e.getMessage()
                            + "); install ffmpeg, or on Debian the package libpulse0",
                    e);
        }
        // the libraries sit beside the executables, but only ffmpeg's own RUNPATH points there, not theirs; the
        // process's own path follows (the video image puts the system libraries they need there)
        String libraries = ffmpeg.getParent() + File.pathSeparator + ffprobe.getParent();
        String inherited = System.getenv("LD_LIBRARY_PATH");
        if (inherited != null && !inherited.isBlank()) {
            libraries += File.pathSeparator + inherited;
        }
        return new Tools(ffmpeg, ffprobe, Map.of("LD_LIBRARY_PATH", libraries), true);
    }

    private Optional<Path> onPath(String name) {
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (!directory.isBlank()) {
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
