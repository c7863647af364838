package org.openbili.standalone;

import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.springframework.boot.loader.launch.LaunchedClassLoader;
import org.springframework.boot.loader.net.protocol.jar.JarUrl;

/**
 * One service of the platform, run from its own runnable jar (the same jar as in a distributed deployment) in a
 * class loader of its own. That loader's parent is either the JDK's, so that the service shares nothing with the
 * others, or the loader of the libraries all application services share ({@link SharedLibraries}).
 */
final class ServiceApp {

    private final String name;
    private final Path jar;
    private final SharedLibraries shared;
    private volatile Closeable context;
    private volatile ClassLoader loader;

    /** A service that takes {@code shared}'s libraries from their loader and the rest from its jar (null: all). */
    ServiceApp(String name, Path jar, SharedLibraries shared) {
        this.name = name;
        this.jar = jar;
        this.shared = shared;
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
                        // Spring finds some of its extensions (environment post-processors among them) with the
                        // application's resource loader, else with its own class loader, which may be the shared one
                        // and then cannot see the service's own META-INF/spring.factories.
                        Class<?> resourceLoader = classLoader.loadClass("org.springframework.core.io.ResourceLoader");
                        springApplication
                                .getMethod("setResourceLoader", resourceLoader)
                                .invoke(
                                        application,
                                        classLoader
                                                .loadClass("org.springframework.core.io.DefaultResourceLoader")
                                                .getConstructor(ClassLoader.class)
                                                .newInstance(classLoader));
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
        for (String library : SharedLibraries.classpathIndex(jar)) {
            if (shared == null || !shared.contains(library)) {
                urls.add(JarUrl.create(jar.toFile(), library));
            }
        }
        // The repackaged jar keeps the application's own META-INF (its spring.factories) at its root, which
        // java -jar also puts on the class path, after the classes and libraries.
        urls.add(JarUrl.create(jar.toFile()));
        ClassLoader parent = shared == null ? ClassLoader.getPlatformClassLoader() : shared.classLoader();
        return new LaunchedClassLoader(false, urls.toArray(URL[]::new), parent);
    }

    private String startClass() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest.getMainAttributes().getValue("Start-Class");
        }
    }
}
