package io.ptn.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@code native-image} would be given for one service, read from the directory that
 * {@code -Dquarkus.native.sources-only=true} writes ({@code native-sources/}: {@code native-image.args}, the runner
 * jar and {@code lib/}). The reachability metadata is the union of Quarkus's generated configuration (in the runner
 * jar) and every {@code META-INF/native-image/**} file of the jars on that classpath, minus what
 * {@code --exclude-config} drops: the same places native-image reads. Conditions on entries are ignored.
 */
final class NativeImageInputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reflection registered for one class, merged over every file that names it. */
    static final class Reflection {
        boolean declaredConstructors;
        boolean publicConstructors;
        boolean declaredMethods;
        boolean publicMethods;
        boolean declaredFields;
        boolean publicFields;
        final Set<String> methods = new HashSet<>();
        final Set<String> fields = new HashSet<>();

        /** Enough for {@code getDeclaredConstructor().newInstance()} and {@code getConstructor().newInstance()}. */
        boolean noArgConstructor() {
            return declaredConstructors || publicConstructors || methods.contains("<init>()");
        }

        /** Enough for Jackson's data binding, which introspects declared constructors, fields and methods. */
        boolean bindable() {
            return declaredConstructors && declaredFields && declaredMethods;
        }
    }

    final Path dir;
    final List<Path> classpath;
    final List<String> args;
    final Map<String, Reflection> reflection = new HashMap<>();
    final List<Pattern> resources = new ArrayList<>();
    final Set<String> bundles = new HashSet<>();
    final Set<String> features = new HashSet<>();
    /** Every metadata file that was read, as jar!/entry, for failure messages. */
    final List<String> sources = new ArrayList<>();

    private NativeImageInputs(Path dir, List<Path> classpath, List<String> args) {
        this.dir = dir;
        this.classpath = classpath;
        this.args = args;
    }

    static NativeImageInputs read(Path nativeSources) {
        try {
            List<String> args = List.of(Files.readString(nativeSources.resolve("native-image.args")).trim().split("\\s+"));
            int jar = args.indexOf("-jar");
            if (jar < 0 || jar + 1 >= args.size()) {
                throw new IllegalStateException("no -jar in " + nativeSources.resolve("native-image.args"));
            }
            List<Path> classpath = new ArrayList<>();
            classpath.add(nativeSources.resolve(args.get(jar + 1)));
            try (Stream<Path> lib = Files.list(nativeSources.resolve("lib"))) {
                lib.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(classpath::add);
            }
            NativeImageInputs inputs = new NativeImageInputs(nativeSources, classpath, args);
            Map<Pattern, Pattern> excluded = new LinkedHashMap<>();
            for (int i = 0; i + 2 < args.size(); i++) {
                if (args.get(i).equals("--exclude-config")) {
                    excluded.put(Pattern.compile(args.get(i + 1)), Pattern.compile(args.get(i + 2)));
                }
            }
            for (String arg : args) {
                if (arg.startsWith("--features=")) {
                    inputs.features.addAll(List.of(arg.substring("--features=".length()).split(",")));
                }
            }
            for (Path path : classpath) {
                inputs.readJar(path, excluded);
            }
            return inputs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readJar(Path path, Map<Pattern, Pattern> excluded) throws IOException {
        try (JarFile jar = new JarFile(path.toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith("META-INF/native-image/")) {
                    continue;
                }
                boolean skip = excluded.entrySet().stream().anyMatch(x -> x.getKey().matcher(path.toString()).find()
                        && x.getValue().matcher("/" + name).matches());
                if (skip) {
                    continue;
                }
                String file = name.substring(name.lastIndexOf('/') + 1);
                switch (file) {
                    case "reflect-config.json" -> {
                        readReflection(JSON.readTree(jar.getInputStream(entry)), "name");
                        sources.add(path.getFileName() + "!/" + name);
                    }
                    case "resource-config.json" -> {
                        readResources(JSON.readTree(jar.getInputStream(entry)));
                        sources.add(path.getFileName() + "!/" + name);
                    }
                    case "reachability-metadata.json" -> {
                        JsonNode root = JSON.readTree(jar.getInputStream(entry));
                        readReflection(root.path("reflection"), "type");
                        readResources(root);
                        sources.add(path.getFileName() + "!/" + name);
                    }
                    case "native-image.properties" -> {
                        Properties props = new Properties();
                        props.load(jar.getInputStream(entry));
                        for (String arg : props.getProperty("Args", "").trim().split("\\s+")) {
                            if (arg.startsWith("--features=")) {
                                features.addAll(List.of(arg.substring("--features=".length()).split(",")));
                            }
                        }
                        sources.add(path.getFileName() + "!/" + name);
                    }
                    default -> {
                    }
                }
            }
        }
    }

    private void readReflection(JsonNode entries, String nameField) {
        for (JsonNode e : entries) {
            if (!e.path(nameField).isTextual()) {
                continue; // proxy or lambda type descriptors: not needed here
            }
            Reflection r = reflection.computeIfAbsent(e.get(nameField).asText(), k -> new Reflection());
            r.declaredConstructors |= e.path("allDeclaredConstructors").asBoolean();
            r.publicConstructors |= e.path("allPublicConstructors").asBoolean();
            r.declaredMethods |= e.path("allDeclaredMethods").asBoolean();
            r.publicMethods |= e.path("allPublicMethods").asBoolean();
            r.declaredFields |= e.path("allDeclaredFields").asBoolean();
            r.publicFields |= e.path("allPublicFields").asBoolean();
            for (JsonNode m : e.path("methods")) {
                List<String> params = new ArrayList<>();
                m.path("parameterTypes").forEach(p -> params.add(p.asText()));
                r.methods.add(m.path("name").asText() + "(" + String.join(",", params) + ")");
            }
            for (JsonNode f : e.path("fields")) {
                r.fields.add(f.path("name").asText());
            }
        }
    }

    private void readResources(JsonNode root) {
        JsonNode res = root.path("resources");
        // classic: {"resources": {"includes": [{"pattern": regex}]}}; 23.x+: {"resources": [{"glob": ...}]}
        for (JsonNode inc : res.isArray() ? res : res.path("includes")) {
            if (inc.path("pattern").isTextual()) {
                resources.add(Pattern.compile(inc.get("pattern").asText()));
            } else if (inc.path("glob").isTextual()) {
                resources.add(globToRegex(inc.get("glob").asText()));
            }
        }
        for (JsonNode b : root.path("bundles")) {
            bundles.add(b.path(b.has("name") ? "name" : "bundle").asText());
        }
    }

    static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    @Override
    public String toString() {
        String runner = classpath.get(0).getFileName() + "!/";
        return " (" + dir + ": Quarkus's generated configuration and "
                + sources.stream().filter(s -> !s.startsWith(runner)).count() + " metadata files of the jars in lib/)";
    }

    Optional<Reflection> reflection(String className) {
        return Optional.ofNullable(reflection.get(className));
    }

    /** Whether a resource read by this path (no leading slash) is in the image. */
    boolean includesResource(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return resources.stream().anyMatch(r -> r.matcher(p).matches());
    }

    /** The classpath jar that holds this entry, if any. */
    Optional<Path> jarWith(String entry) {
        for (Path path : classpath) {
            try (JarFile jar = new JarFile(path.toFile())) {
                if (jar.getEntry(entry) != null) {
                    return Optional.of(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }

    /** The entry names of one classpath jar. */
    static List<String> entries(Path jarPath) {
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            return jar.stream().map(JarEntry::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path jarPath, String entry) {
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            JarEntry e = jar.getJarEntry(entry);
            if (e == null) {
                throw new IllegalStateException(entry + " not in " + jarPath);
            }
            return new String(jar.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
