package io.ptn.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a service's Dockerfile: public base images as build args, non-root, port, health check, data volume. */
final class DockerfileChecks {
    /** The only image names allowed in files: the usual public defaults (prefixes, tags vary). */
    static final Set<String> ALLOWED_BASES = Set.of(
            "registry.access.redhat.com/ubi9/openjdk-17-runtime:",
            "eclipse-temurin:17-jre",
            "quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:",
            "quay.io/quarkus/ubi9-quarkus-micro-image:",
            "quay.io/quarkus/quarkus-micro-image:");
    private static final Pattern FROM = Pattern.compile("^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern ARG = Pattern.compile("^ARG\\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(\\S+))?");

    private DockerfileChecks() {
    }

    static List<String> check(String text, ServiceConfig config) {
        List<String> violations = new ArrayList<>();
        Map<String, String> args = new HashMap<>();
        List<String> stages = new ArrayList<>();
        String user = null;
        boolean exposed = false;
        boolean health = false;
        boolean volume = false;
        for (String raw : text.replace("\\\n", " ").split("\n")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher arg = ARG.matcher(line);
            Matcher from = FROM.matcher(line);
            String upper = line.toUpperCase();
            if (arg.find()) {
                args.put(arg.group(1), arg.group(2));
            } else if (from.find()) {
                String image = from.group(1);
                Matcher ref = Pattern.compile("^\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?$").matcher(image);
                if (ref.matches()) {
                    String def = args.get(ref.group(1));
                    if (def == null || ALLOWED_BASES.stream().noneMatch(def::startsWith)) {
                        violations.add("FROM " + image + ": the build arg's default " + def
                                + " is not one of the usual public images " + ALLOWED_BASES);
                    }
                } else if (!stages.contains(image)) {
                    violations.add("FROM " + image + ": base images must be build args");
                }
                if (from.group(2) != null) {
                    stages.add(from.group(2));
                }
                user = null;
                exposed = false;
                health = false;
                volume = false;
            } else if (upper.startsWith("USER ")) {
                user = line.substring(5).trim();
            } else if (upper.startsWith("EXPOSE ")) {
                exposed = line.substring(7).trim().equals(String.valueOf(config.httpPort()));
                if (!exposed) {
                    violations.add("EXPOSE " + line.substring(7).trim() + " but quarkus.http.port is "
                            + config.httpPort());
                }
            } else if (upper.startsWith("HEALTHCHECK ")) {
                health = line.contains("/deployments/healthcheck.sh") && line.contains("/q/health/ready");
            } else if (upper.startsWith("VOLUME ")) {
                volume = line.contains("/deployments/data");
            } else if (upper.startsWith("ENV ")) {
                for (String name : envNames(line.substring(4).trim())) {
                    if (name.startsWith("JAVA_")) {
                        // JVM options: they count only if the entrypoint hands them to java
                        if (!text.contains("exec java") || !text.contains("${" + name + "}")) {
                            violations.add("ENV " + name + " is not passed to java by the ENTRYPOINT");
                        }
                    } else if (!config.readsEnv(name)) {
                        violations.add("ENV " + name + " maps to no config key " + config.service() + " reads");
                    }
                }
            }
        }
        if (!"1001".equals(user)) {
            violations.add("the final stage must run as USER 1001, not " + user);
        }
        if (!exposed) {
            violations.add("the final stage must EXPOSE " + config.httpPort());
        }
        if (!health) {
            violations.add("the final stage needs HEALTHCHECK .../deployments/healthcheck.sh /q/health/ready");
        }
        if (config.service().equals(Repo.VALIDATOR) && !volume) {
            violations.add("the validator's data dir /deployments/data must be a VOLUME");
        }
        return violations;
    }

    /**
     * The build stage of a Dockerfile that runs the Maven wrapper: Maven reads every reactor module's pom even with
     * {@code -pl}, so each must be copied in; and a binary built on a UBI 9 builder links against UBI 9's glibc, so
     * the runtime base (the last FROM's build-arg default) must be UBI 9 as well.
     */
    static List<String> checkBuildStage(String text, List<String> reactorModules) {
        List<String> violations = new ArrayList<>();
        if (!text.contains("./mvnw")) {
            return violations;
        }
        for (String module : reactorModules) {
            if (!Pattern.compile("(?m)^COPY\\s+(\\S+\\s+)*" + Pattern.quote(module + "/pom.xml") + "\\s").matcher(text).find()) {
                violations.add("the build stage runs ./mvnw but does not COPY " + module + "/pom.xml (a reactor module)");
            }
        }
        Map<String, String> args = new HashMap<>();
        String builder = null;
        String runtime = null;
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            Matcher arg = ARG.matcher(line);
            Matcher from = FROM.matcher(line);
            if (arg.find()) {
                args.put(arg.group(1), arg.group(2));
            } else if (from.find()) {
                String image = from.group(1).replaceAll("^\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?$", "$1");
                String resolved = args.getOrDefault(image, from.group(1));
                if (builder == null) {
                    builder = resolved;
                } else {
                    runtime = resolved;
                }
            }
        }
        if (builder != null && runtime != null && isUbi9(builder) && !isUbi9(runtime)) {
            violations.add("builder " + builder + " is UBI 9 but the runtime " + runtime + " is not");
        }
        return violations;
    }

    private static boolean isUbi9(String image) {
        return image.contains("/ubi9-") || image.contains("/ubi9/");
    }

    /** Variable names of an ENV instruction: {@code A=1 B="x y"} or the legacy {@code A value} form. */
    static List<String> envNames(String args) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (char ch : args.toCharArray()) {
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
                current.append(ch);
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                current.append(ch);
            } else if (Character.isWhitespace(ch)) {
                if (current.length() > 0) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(ch);
            }
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        if (tokens.isEmpty()) {
            return List.of();
        }
        if (!tokens.get(0).contains("=")) {
            return List.of(tokens.get(0));
        }
        return tokens.stream().map(t -> t.substring(0, t.indexOf('='))).toList();
    }
}
