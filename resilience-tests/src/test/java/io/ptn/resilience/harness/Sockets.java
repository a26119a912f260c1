package io.ptn.resilience.harness;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Counts a process's ESTABLISHED TCP connections to a port: its socket inodes (/proc/pid/fd) joined with /proc/net/tcp*. */
public final class Sockets {

    private Sockets() {
    }

    public static int established(long pid, int remotePort) {
        return count(pid, remotePort, "01");
    }

    /** CLOSE_WAIT: the peer closed (e.g. was killed) but this process never closed its end — a leaked socket. */
    public static int closeWait(long pid, int remotePort) {
        return count(pid, remotePort, "08");
    }

    static int count(long pid, int remotePort, String state) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException ignored) {
                    // fd closed while listing
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/" + pid + "/fd", e);
        }
        int count = 0;
        for (String table : List.of("/proc/" + pid + "/net/tcp", "/proc/" + pid + "/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 10 || !f[3].equals(state)) { // st column: 01 ESTABLISHED, 08 CLOSE_WAIT
                        continue;
                    }
                    String rem = f[2];
                    int port = Integer.parseInt(rem.substring(rem.indexOf(':') + 1), 16);
                    if (port == remotePort && inodes.contains(f[9])) {
                        count++;
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // no tcp6 table
            }
        }
        return count;
    }
}
