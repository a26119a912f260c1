package io.ptn.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository checked out around this module (surefire runs with the module directory as user.dir). */
final class Repo {
    static final Path ROOT = findRoot();
    static final String PRICE = "live-price-service";
    static final String VALIDATOR = "validator-service";

    private Repo() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceConfig config(String service) {
        ServiceConfig props = ServiceConfig.parse(service, read(service + "/src/main/resources/application.properties"));
        try (Stream<Path> files = Files.walk(path(service + "/src/main/java"))) {
            List<String> mappings = files.filter(p -> p.toString().endsWith(".java")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).filter(text -> text.contains("@ConfigMapping")).toList();
            return props.withMappings(mappings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The modules of the default reactor (the root pom's modules outside its profiles). */
    static List<String> reactorModules() {
        String pom = read("pom.xml");
        int profiles = pom.indexOf("<profiles>");
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(profiles < 0 ? pom : pom.substring(0, profiles));
        List<String> modules = new ArrayList<>();
        while (m.find()) {
            modules.add(m.group(1).trim());
        }
        return modules;
    }

    private static Path findRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root with deploy/ above " + dir);
    }
}
