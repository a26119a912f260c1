package io.ptn.resilience.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A raw HTTP/1.1 exchange over a socket, so hostile inputs (bad percent-encoding, odd request targets, huge or
 * lying bodies) reach the server exactly as written, which java.net.http would refuse to send. One connection per
 * request (Connection: close); bounded in bytes and time. A text/event-stream answer is cut after its headers.
 */
public final class RawHttp {

    private static final int MAX_BODY = 2 * 1024 * 1024;

    private RawHttp() {
    }

    public static Http.Resp exchange(int port, String method, String target, Map<String, String> headers,
                                     byte[] body, int timeoutMs) {
        long sent = System.currentTimeMillis();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            s.setSoTimeout(timeoutMs);
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            head.append("Connection: close\r\n");
            boolean hasLength = false;
            for (var h : headers.entrySet()) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
                hasLength |= h.getKey().equalsIgnoreCase("content-length");
            }
            if (body != null && !hasLength) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException e) {
                    // the server may answer (413) and close before reading a huge body; read its answer below
                }
            }
            out.flush();
            return read(s.getInputStream(), sent);
        } catch (IOException e) {
            return new Http.Resp(-1, Map.of(), null, sent, System.currentTimeMillis(),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Http.Resp read(InputStream in, long sent) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int headerEnd = -1;
        while (headerEnd < 0) {
            int n = in.read(chunk);
            if (n < 0) {
                break;
            }
            buf.write(chunk, 0, n);
            headerEnd = indexOf(buf.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (buf.size() > 64 * 1024 && headerEnd < 0) {
                throw new IOException("headers too long");
            }
        }
        byte[] all = buf.toByteArray();
        if (headerEnd < 0) {
            throw new IOException("connection closed before a complete answer (" + all.length + " bytes)");
        }
        String[] lines = new String(all, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> hs = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            if (c > 0) {
                hs.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), List.of(lines[i].substring(c + 1).trim()));
            }
        }
        String ct = hs.containsKey("content-type") ? hs.get("content-type").get(0) : "";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(all, headerEnd + 4, all.length - headerEnd - 4);
        if (!ct.startsWith("text/event-stream")) {
            int n;
            while (body.size() < MAX_BODY && (n = in.read(chunk)) >= 0) {
                body.write(chunk, 0, n);
            }
        }
        byte[] b = body.toByteArray();
        if (hs.containsKey("transfer-encoding") && hs.get("transfer-encoding").get(0).contains("chunked")
                && !ct.startsWith("text/event-stream")) {
            b = dechunk(b);
        }
        return new Http.Resp(status, hs, new String(b, StandardCharsets.UTF_8), sent, System.currentTimeMillis(), null);
    }

    private static byte[] dechunk(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < b.length) {
            int eol = indexOf(b, i, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (eol < 0) {
                break;
            }
            String sizeLine = new String(b, i, eol - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size;
            try {
                size = Integer.parseInt(sizeLine, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) {
                break;
            }
            int start = eol + 2;
            out.write(b, start, Math.min(size, b.length - start));
            i = start + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        return indexOf(hay, 0, needle);
    }

    private static int indexOf(byte[] hay, int from, byte[] needle) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
