package io.ptn.deploy;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.jackson.JacksonConfigurationService;
import io.ptn.domain.MarketCalendar;
import io.ptn.domain.Venue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native-image inputs of both services (written by the {@code native-sources} execution of the Quarkus plugin
 * under {@code -Pits}: {@code -Dquarkus.native.sources-only=true}, no GraalVM needed) hold the reflection and
 * resources the services use at run time and that native-image cannot see by itself. What the market calendars need
 * is not listed by hand: {@link MarketCalendar} is run here, on the JVM, with a context class loader that notes every
 * class and resource jollyday asks for by name, and each of those must be registered.
 */
class NativeImageInputsIT {
    /** jollyday's XML binding model: Jackson introspects the declared constructors, fields and methods of each. */
    private static final String JOLLYDAY_XML_MODEL = "de/focus_shift/jollyday/jackson/mapping/";
    /** DefaultHolidayManager picks its parsers by reflecting over the declared methods of this Holidays view. */
    private static final String JOLLYDAY_HOLIDAYS_VIEW = "de.focus_shift.jollyday.jackson.JacksonHolidays";

    private static Recorder recorded;

    @BeforeAll
    static void runTheCalendarsOnTheJvm() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (Recorder recorder = new Recorder(original, MarketCalendar.class, HolidayManager.class,
                JacksonConfigurationService.class)) {
            thread.setContextClassLoader(recorder); // ServiceLoader.load(type) looks there
            Class<?> calendarType = recorder.loadClass(MarketCalendar.class.getName());
            Class<?> venueType = recorder.loadClass(Venue.class.getName());
            Object calendar = calendarType.getConstructor().newInstance();
            Method isOpen = calendarType.getMethod("isOpen", venueType, long.class);
            // A Wednesday at noon UTC: every venue consults its holiday set (weekends short-circuit before it).
            long wednesday = LocalDateTime.of(2025, 3, 5, 12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
            for (Object venue : venueType.getEnumConstants()) {
                isOpen.invoke(calendar, venue, wednesday);
            }
            recorded = recorder;
        } finally {
            thread.setContextClassLoader(original);
        }
        assertTrue(recorded.resources.contains("jollyday.properties")
                        && recorded.resources.stream().anyMatch(r -> r.startsWith("holidays/")),
                "the recording missed jollyday's configuration: " + recorded);
    }

    @ParameterizedTest
    @ValueSource(strings = {Repo.PRICE, Repo.VALIDATOR})
    void marketCalendarsHaveEveryClassAndResourceJollydayLoadsByName(String service) {
        NativeImageInputs in = inputs(service);
        List<String> missing = new ArrayList<>();
        Set<String> providers = new TreeSet<>();
        for (String resource : recorded.resources) {
            if (!in.includesResource(resource)) {
                missing.add("resource " + resource);
            }
            if (resource.startsWith("META-INF/services/")) {
                for (String provider : providers(resource)) {
                    requireConstructor(in, provider, "ServiceLoader provider in " + resource, missing);
                    providers.add(provider);
                }
            }
        }
        for (String name : recorded.instantiatedByName()) {
            if (!providers.contains(name)) {
                requireConstructor(in, name, "loaded by name", missing);
            }
        }
        assertEquals(List.of(), missing, service + ": jollyday at run time" + in);
    }

    @ParameterizedTest
    @ValueSource(strings = {Repo.PRICE, Repo.VALIDATOR})
    void holidayXmlBindsThroughJacksonWithTheJvmsStaxParser(String service) {
        NativeImageInputs in = inputs(service);
        List<String> missing = new ArrayList<>();
        Path jar = in.jarWith(JOLLYDAY_XML_MODEL + "Configuration.class")
                .orElseThrow(() -> new AssertionError(service + ": jollyday-jackson is not on the native classpath"));
        List<String> model = NativeImageInputs.entries(jar).stream()
                .filter(e -> e.startsWith(JOLLYDAY_XML_MODEL) && e.endsWith(".class"))
                .map(e -> e.substring(0, e.length() - ".class".length()).replace('/', '.')).toList();
        assertTrue(model.size() > 10, "the XML model package moved: " + model);
        for (String type : model) {
            if (!in.reflection(type).map(NativeImageInputs.Reflection::bindable).orElse(false)) {
                missing.add(type + ": constructors, fields and methods for Jackson");
            }
        }
        if (!in.reflection(JOLLYDAY_HOLIDAYS_VIEW).map(r -> r.declaredMethods).orElse(false)) {
            missing.add(JOLLYDAY_HOLIDAYS_VIEW + ": declared methods (DefaultHolidayManager.getParsers)");
        }
        // jackson-dataformat-xml asks StAX for its factories through ServiceLoader; on the JVM that finds the
        // provider on the classpath (Woodstox). The native image must find the same one, not fall back to the JDK's.
        for (Class<?> api : List.of(XMLInputFactory.class, XMLOutputFactory.class)) {
            String impl = (api == XMLInputFactory.class ? XMLInputFactory.newFactory() : XMLOutputFactory.newFactory())
                    .getClass().getName();
            String services = "META-INF/services/" + api.getName();
            if (providers(services).contains(impl)) {
                if (!in.includesResource(services)) {
                    missing.add("resource " + services);
                }
                requireConstructor(in, impl, "StAX provider", missing);
            }
        }
        assertEquals(List.of(), missing, service + ": jollyday's XML binding" + in);
    }

    @Test
    void sqliteBringsItsNativeLibraryAndFlywayItsMigrations() {
        NativeImageInputs in = inputs(Repo.VALIDATOR);
        List<String> missing = new ArrayList<>();
        Path driverJar = in.jarWith("org/sqlite/JDBC.class")
                .orElseThrow(() -> new AssertionError("sqlite-jdbc is not on the validator's native classpath"));
        List<String> entries = NativeImageInputs.entries(driverJar);
        // The driver's own Feature (named in its jar's native-image.properties) registers its JNI methods and embeds
        // the native library of the build platform, which must therefore be in the jar native-image reads.
        String feature = "org.sqlite.nativeimage.SqliteJdbcFeature";
        if (!in.features.contains(feature)) {
            missing.add("--features=" + feature + " (sqlite-jdbc's native-image.properties)");
        }
        if (entries.stream().noneMatch(e -> e.endsWith(feature.replace('.', '/') + ".class"))) {
            missing.add(feature + " class in " + driverJar.getFileName());
        }
        for (String arch : List.of("x86_64", "aarch64")) {
            String lib = "org/sqlite/native/Linux/" + arch + "/libsqlitejdbc.so";
            if (!entries.contains(lib)) {
                missing.add(lib + " in " + driverJar.getFileName());
            }
        }
        requireConstructor(in, "org.sqlite.JDBC", "JDBC driver Agroal loads by name", missing);
        if (!in.includesResource("META-INF/services/java.sql.Driver")) {
            missing.add("resource META-INF/services/java.sql.Driver");
        }
        Path migrations = Repo.path(Repo.VALIDATOR + "/src/main/resources/db/migration");
        try (Stream<Path> files = Files.list(migrations)) {
            List<String> scripts = files.map(p -> "db/migration/" + p.getFileName()).sorted().toList();
            assertTrue(!scripts.isEmpty(), "no Flyway scripts under " + migrations);
            scripts.stream().filter(s -> !in.includesResource(s)).forEach(s -> missing.add("resource " + s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(List.of(), missing, "validator-service: SQLite and Flyway" + in);
    }

    /** The HTTP layer's 413/414 bodies are written with the ObjectMapper outside any resource signature. */
    @ParameterizedTest
    @ValueSource(strings = {Repo.PRICE, Repo.VALIDATOR})
    void theSharedProblemBodyIsRegisteredForJson(String service) {
        NativeImageInputs in = inputs(service);
        assertTrue(in.reflection("io.ptn.support.Problem").isPresent(),
                service + ": io.ptn.support.Problem (service-support) is not registered for reflection" + in);
    }

    /** Jackson binds the order body, and StrictJson reads its {@code @JsonIgnoreProperties} at run time. */
    @Test
    void theOrderBodyIsRegisteredForJson() {
        NativeImageInputs in = inputs(Repo.VALIDATOR);
        assertTrue(in.reflection("io.ptn.validator.service.OrderRequest").isPresent(),
                "validator-service: io.ptn.validator.service.OrderRequest is not registered for reflection" + in);
    }

    @Test
    void slippageTablesTheValidatorReadsByPathAreInItsImage() {
        NativeImageInputs in = inputs(Repo.VALIDATOR);
        Path tables = Repo.path(Repo.VALIDATOR + "/src/main/resources/slippage");
        try (Stream<Path> files = Files.list(tables)) {
            List<String> json = files.map(p -> "slippage/" + p.getFileName()).filter(n -> n.endsWith(".json")).sorted()
                    .toList();
            assertTrue(!json.isEmpty(), "no slippage tables under " + tables);
            List<String> missing = json.stream().filter(n -> !in.includesResource(n)).map(n -> "resource " + n).toList();
            assertEquals(List.of(), missing, "validator-service: slippage tables (SlippageTables)" + in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NativeImageInputs inputs(String service) {
        Path dir = Repo.path(service + "/target/native-check/native-sources");
        assertTrue(Files.isRegularFile(dir.resolve("native-image.args")), "no native-image inputs at " + dir
                + ": the Quarkus plugin's native-sources execution writes them under -Pits (./mvnw verify -Pits)");
        return NativeImageInputs.read(dir);
    }

    private static void requireConstructor(NativeImageInputs in, String type, String why, List<String> missing) {
        if (!in.reflection(type).map(NativeImageInputs.Reflection::noArgConstructor).orElse(false)) {
            missing.add(type + ": no-arg constructor (" + why + ")");
        }
    }

    /** The provider class names a services file lists, over every copy on this JVM's classpath. */
    private static Set<String> providers(String servicesFile) {
        Set<String> names = new TreeSet<>();
        try {
            for (URL url : Collections.list(NativeImageInputsIT.class.getClassLoader().getResources(servicesFile))) {
                try (InputStream s = url.openStream()) {
                    for (String line : new String(s.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        String name = line.replaceAll("#.*", "").trim();
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /**
     * Defines the market calendar and jollyday itself (child first, so it is their own class loader, which jollyday
     * asks for resources and classes) and delegates everything else; notes each existing resource asked of it and
     * each class asked for through {@code Class.forName} (not the JVM's own linking), as native-image registers them.
     */
    static final class Recorder extends URLClassLoader {
        private static final StackWalker STACK = StackWalker.getInstance();
        final Map<String, Class<?>> classes = new ConcurrentSkipListMap<>();
        final Set<String> resources = new ConcurrentSkipListSet<>();
        private final List<String> packages;

        Recorder(ClassLoader parent, Class<?>... defined) {
            super(Stream.of(defined).map(Recorder::location).toArray(URL[]::new), parent);
            packages = Stream.of(defined).map(c -> c.getPackageName() + ".").toList(); // and their subpackages
        }

        private static URL location(Class<?> type) {
            return type.getProtectionDomain().getCodeSource().getLocation();
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            Class<?> type;
            if (packages.stream().noneMatch(name::startsWith)) {
                type = super.loadClass(name, resolve);
            } else {
                synchronized (getClassLoadingLock(name)) {
                    Class<?> loaded = findLoadedClass(name);
                    type = loaded != null ? loaded : findClass(name);
                }
            }
            if (STACK.walk(Recorder::byName)) {
                classes.put(name, type);
            }
            return type;
        }

        /**
         * True when this load is a {@code Class.forName} by library code or by {@code ServiceLoader}: directly above
         * this loader's own {@code loadClass} frames sit {@code java.lang.Class.forName} and then its caller. The JDK's
         * reflection resolving generic signatures and annotations, and the JVM linking a class, are not counted:
         * native-image keeps that metadata for every registered class anyway.
         */
        private static boolean byName(Stream<StackWalker.StackFrame> frames) {
            Iterator<StackWalker.StackFrame> it = frames.iterator();
            StackWalker.StackFrame frame = it.next();
            while (frame.getMethodName().equals("loadClass") && (frame.getClassName().equals(Recorder.class.getName())
                    || frame.getClassName().equals("java.lang.ClassLoader")) && it.hasNext()) {
                frame = it.next();
            }
            if (!frame.getClassName().equals("java.lang.Class") || !frame.getMethodName().startsWith("forName")) {
                return false;
            }
            while (frame.getClassName().equals("java.lang.Class") && it.hasNext()) {
                frame = it.next();
            }
            String caller = frame.getClassName();
            return caller.startsWith("java.util.ServiceLoader") || !isJdk(caller);
        }

        static boolean isJdk(String type) {
            return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
                    || type.startsWith("sun.");
        }

        /**
         * The classes loaded by name to be instantiated. A {@code Class.forName(name, true, loader)} also links the
         * class, and the verifier may load further types through the same frames; those are JDK types, interfaces or
         * abstract classes here, never something jollyday instantiates, so they are left out.
         */
        Set<String> instantiatedByName() {
            Set<String> names = new TreeSet<>();
            classes.forEach((name, type) -> {
                if (!isJdk(name) && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
                    names.add(name);
                }
            });
            return names;
        }

        @Override
        public URL getResource(String name) {
            URL url = super.getResource(name);
            if (url != null) {
                resources.add(name);
            }
            return url;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            List<URL> urls = Collections.list(super.getResources(name));
            if (!urls.isEmpty()) {
                resources.add(name);
            }
            return Collections.enumeration(urls);
        }

        @Override
        public String toString() {
            return "classes " + classes.keySet() + ", resources " + resources;
        }
    }
}
