package org.openbili.common.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.util.FileSize;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Logging for a service that shares logback with the other services of one JVM: standalone mode loads the libraries
 * every service has once, logback among them, so there is one logger context for all. Spring Boot's own logback
 * system would reset that context for each service that starts and stop it for each that stops; this one adds the
 * service's own appenders to it instead (what {@code logback-spring.xml} gives a service running alone: readable
 * console lines naming the service and a JSON file under {@code DATA_DIR/logs}, both with secrets masked), each
 * taking the events logged on the service's own threads, which are the threads whose context class loader is the
 * service's.
 */
public final class SharedLogbackLoggingSystem extends LoggingSystem {

    /** Set by the standalone launcher when it loads logback once for all services. */
    public static final String SHARED_PROPERTY = "openbili.logging.shared";

    private static final String CONSOLE_PATTERN =
            "%d{HH:mm:ss.SSS} %5level %-11.11(@@) %-12.12X{requestId:--} %-32.32logger{31} : %msg%n%ex";

    /**
     * The context object naming every service loader that logs through it (events on other threads go to the
     * "platform" console). Kept in the shared context: this class is each service's own.
     */
    private static final String SERVICES = SharedLogbackLoggingSystem.class.getName() + ".services";

    private final ClassLoader classLoader;

    public SharedLogbackLoggingSystem(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void beforeInitialize() {
        // the shared context is configured once (see initialize); nothing to suppress or reset per service
    }

    @Override
    public void initialize(
            LoggingInitializationContext initializationContext,
            @Nullable String configLocation,
            @Nullable LogFile logFile) {
        Environment environment = initializationContext.getEnvironment();
        String service =
                environment == null ? "openbili" : environment.getProperty("spring.application.name", "openbili");
        String dataDir = environment == null ? "./data" : environment.getProperty("openbili.data-dir", "./data");
        // as logback-spring.xml and the registry name it: service:host:port
        String instance = environment == null
                ? service
                : service + ":" + environment.getProperty("eureka.instance.hostname", "localhost") + ":"
                        + environment.getProperty("server.port", "8080");
        LoggerContext context = context();
        synchronized (context) {
            Set<ClassLoader> services = services(context);
            if (services == null) {
                services = ConcurrentHashMap.newKeySet();
                configureOnce(context, services);
                context.putObject(SERVICES, services);
            }
            services.add(classLoader);
            Filter<ILoggingEvent> ownThreads = filter(loader -> isOrDescendsFrom(loader, classLoader));
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            root.addAppender(console(context, service, ownThreads));
            root.addAppender(jsonFile(context, service, instance, dataDir, ownThreads));
        }
    }

    /**
     * Nothing: Spring Boot cleans up when the context starts closing, and the service's shutdown (its consumers,
     * pools and deregistration) belongs in its own log too. The appenders go with the JVM.
     */
    @Override
    public void cleanUp() {}

    @Override
    public Set<LogLevel> getSupportedLogLevels() {
        return EnumSet.complementOf(EnumSet.of(LogLevel.FATAL));
    }

    /** Levels are the context's, so they apply to every service: the logger names are the same in each. */
    @Override
    public void setLogLevel(@Nullable String loggerName, @Nullable LogLevel level) {
        Logger logger = context()
                .getLogger(
                        loggerName == null || loggerName.equals(ROOT_LOGGER_NAME)
                                ? Logger.ROOT_LOGGER_NAME
                                : loggerName);
        logger.setLevel(level == null ? null : Level.toLevel(level.name(), null));
    }

    @Override
    public List<LoggerConfiguration> getLoggerConfigurations() {
        return List.of();
    }

    /** The levels and the catch-all console every service's logging builds on, as Spring Boot's defaults set. */
    private static void configureOnce(LoggerContext context, Set<ClassLoader> services) {
        context.reset();
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        Map.of(
                        "org.apache.catalina.startup.DigesterFactory", Level.ERROR,
                        "org.apache.catalina.util.LifecycleBase", Level.ERROR,
                        "org.apache.coyote.http11.Http11NioProtocol", Level.WARN,
                        "org.apache.sshd.common.util.SecurityUtils", Level.WARN,
                        "org.apache.tomcat.util.net.NioSelectorPool", Level.WARN,
                        "org.eclipse.jetty.util.component.AbstractLifeCycle", Level.ERROR,
                        "org.hibernate.validator.internal.util.Version", Level.WARN,
                        "org.springframework.boot.actuate.endpoint.jmx", Level.WARN)
                .forEach((name, level) -> context.getLogger(name).setLevel(level));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(console(
                context,
                "platform",
                filter(loader -> services.stream().noneMatch(service -> isOrDescendsFrom(loader, service)))));
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    private static Appender<ILoggingEvent> console(
            LoggerContext context, String service, Filter<ILoggingEvent> filter) {
        MaskingPatternLayout layout = new MaskingPatternLayout();
        layout.setContext(context);
        layout.setPattern(CONSOLE_PATTERN.replace("@@", service));
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("CONSOLE-" + service);
        appender.setEncoder(encoder);
        appender.addFilter(filter);
        appender.start();
        return appender;
    }

    private static Appender<ILoggingEvent> jsonFile(
            LoggerContext context, String service, String instance, String dataDir, Filter<ILoggingEvent> filter) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.setCustomFields("{\"service\":\"" + service + "\",\"instance\":\"" + instance + "\"}");
        MaskingJsonGeneratorDecorator masking = new MaskingJsonGeneratorDecorator();
        masking.addValueMasker(new SecretMasker());
        masking.start();
        encoder.addDecorator(masking);
        encoder.start();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("JSON_FILE-" + service);
        appender.setFile(dataDir + "/logs/" + service + ".json");
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(dataDir + "/logs/" + service + ".%d{yyyy-MM-dd}.%i.json.gz");
        policy.setMaxFileSize(FileSize.valueOf("50MB"));
        policy.setMaxHistory(7);
        policy.setTotalSizeCap(FileSize.valueOf("500MB"));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder);
        appender.addFilter(filter);
        appender.start();
        return appender;
    }

    private static Filter<ILoggingEvent> filter(Predicate<ClassLoader> threadLoader) {
        Filter<ILoggingEvent> filter = new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent event) {
                return threadLoader.test(Thread.currentThread().getContextClassLoader())
                        ? FilterReply.NEUTRAL
                        : FilterReply.DENY;
            }
        };
        filter.start();
        return filter;
    }

    /** Tomcat runs requests under a web application loader whose parent is the service's. */
    private static boolean isOrDescendsFrom(@Nullable ClassLoader loader, ClassLoader service) {
        for (ClassLoader current = loader; current != null; current = current.getParent()) {
            if (current == service) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Set<ClassLoader> services(LoggerContext context) {
        return (Set<ClassLoader>) context.getObject(SERVICES);
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    /** Chosen before Spring Boot's logback system, only where the launcher shares logback between services. */
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public static final class Factory implements LoggingSystemFactory {

        @Override
        public @Nullable LoggingSystem getLoggingSystem(ClassLoader classLoader) {
            if (!Boolean.getBoolean(SHARED_PROPERTY) || LoggerContext.class.getClassLoader() == classLoader) {
                return null;
            }
            return new SharedLogbackLoggingSystem(classLoader);
        }
    }
}
