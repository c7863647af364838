package org.openbili.standalone;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.springframework.boot.loader.launch.LaunchedClassLoader;
import org.springframework.boot.loader.net.protocol.jar.JarUrl;

/**
 * One service of the platform, run from its own runnable jar in a class loader of its own: the same jar as
 * in a distributed deployment, with nothing shared with the other services but the JDK.
 */
final class ServiceApp {

    private final String name;
    private final Path jar;
    private volatile Closeable context;
    private volatile ClassLoader loader;

    ServiceApp(String name, Path jar) {
        this.name = name;
        this.jar = jar;
    }

    String name() {
        return name;
    }

    /** Starts the service's Spring application on a thread of its own and completes when it is ready. */
    CompletableFuture<Void> start(List<String> arguments) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        ClassLoader classLoader = classLoader();
                        loader = classLoader;
                        Thread.currentThread().setContextClassLoader(classLoader);
                        disableTomcatUrlHandlerFactory(classLoader);
                        Class<?> startClass = classLoader.loadClass(startClass());
                        Class<?> springApplication =
                                classLoader.loadClass("org.springframework.boot.SpringApplication");
                        Object application = springApplication
                                .getConstructor(Class[].class)
                                .newInstance((Object) new Class<?>[] {startClass});
                        springApplication
                                .getMethod("setRegisterShutdownHook", boolean.class)
                                .invoke(application, false);
                        Method run = springApplication.getMethod("run", String[].class);
                        context = (Closeable) run.invoke(application, (Object) arguments.toArray(String[]::new));
                        started.complete(null);
                    } catch (Throwable e) {
                        started.completeExceptionally(e);
                    }
                },
                name + "-main");
        thread.start();
        return started;
    }

    void stop() {
        Closeable running = context;
        if (running == null) {
            return;
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            running.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("[standalone] " + name + " did not stop cleanly: " + e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            context = null;
        }
    }

    /**
     * Each embedded Tomcat would install its URL stream handler factory, which the JVM allows only once; the
     * services do not need it (they serve no WAR files).
     */
    private static void disableTomcatUrlHandlerFactory(ClassLoader classLoader) throws ReflectiveOperationException {
        try {
            classLoader
                    .loadClass("org.apache.catalina.webresources.TomcatURLStreamHandlerFactory")
                    .getMethod("disable")
                    .invoke(null);
        } catch (ClassNotFoundException notTomcat) {
            // the gateway runs on Netty
        }
    }

    private ClassLoader classLoader() throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(JarUrl.create(jar.toFile(), "BOOT-INF/classes/"));
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String library : classpathIndex(file)) {
                urls.add(JarUrl.create(jar.toFile(), library));
            }
        }
        return new LaunchedClassLoader(false, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private String startClass() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest.getMainAttributes().getValue("Start-Class");
        }
    }

    /** The libraries in the order the build listed them ({@code BOOT-INF/classpath.idx}). */
    private static List<String> classpathIndex(JarFile file) throws IOException {
        List<String> libraries = new ArrayList<>();
        try (InputStream index = file.getInputStream(file.getEntry("BOOT-INF/classpath.idx"))) {
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String entry = line.trim();
                if (entry.startsWith("- \"") && entry.endsWith("\"")) {
                    libraries.add(entry.substring(3, entry.length() - 1));
                }
            }
        }
        return libraries;
    }
}
