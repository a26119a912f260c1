package io.ptn.bench.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection over a blocking socket. Deliberately minimal (pre-built request bytes, a
 * status/header parser, Content-Length and chunked bodies) so the client adds microseconds, not a framework's
 * overhead, to what is measured. Not thread-safe: one connection per sending thread.
 */
final class HttpConnection implements Closeable {

    private final String host;
    private final int port;
    private final int timeoutMs;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final StringBuilder line = new StringBuilder(128);
    private final StringBuilder streamLine = new StringBuilder(256);
    /** The last response body, kept only when asked (SSE and smoke checks). */
    private final boolean keepBody;
    private byte[] lastBody = new byte[0];

    HttpConnection(String host, int port, int timeoutMs, boolean keepBody) {
        this.host = host;
        this.port = port;
        this.timeoutMs = timeoutMs;
        this.keepBody = keepBody;
    }

    void connect() throws IOException {
        close();
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMs);
        s.connect(new InetSocketAddress(host, port), timeoutMs);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
        out = s.getOutputStream();
    }

    /** Sends one request and reads the whole response; returns the status. Reconnects if the server closed. */
    int exchange(byte[] request) throws IOException {
        boolean reused = socket != null;
        if (!reused) {
            connect();
        }
        firstByteMissing = true;
        try {
            out.write(request);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            if (!reused || !firstByteMissing) {
                throw e;
            }
            // the server closed an idle keep-alive connection: one retry on a fresh one
            connect();
            out.write(request);
            out.flush();
            return readResponse();
        }
    }

    private boolean firstByteMissing;

    /** Sends a request and returns the status after the headers only (for streams read with {@link #readLine()}). */
    int openStream(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        out.write(request);
        out.flush();
        int status = parseStatus(readLine());
        chunked = false;
        String l;
        while (!(l = readLine()).isEmpty()) {
            if (l.regionMatches(true, 0, "transfer-encoding:", 0, 18) && l.toLowerCase().contains("chunked")) {
                chunked = true;
            }
        }
        chunkLeft = 0;
        return status;
    }

    private boolean chunked;
    private long chunkLeft;

    /** Next line of a streamed body (de-chunked), without its line terminator. */
    String readStreamLine() throws IOException {
        streamLine.setLength(0);
        while (true) {
            int b = streamByte();
            if (b == '\n') {
                int n = streamLine.length();
                if (n > 0 && streamLine.charAt(n - 1) == '\r') {
                    streamLine.setLength(n - 1);
                }
                return streamLine.toString();
            }
            streamLine.append((char) b);
        }
    }

    private int streamByte() throws IOException {
        if (!chunked) {
            return readByte();
        }
        while (chunkLeft == 0) {
            String size = readLine();
            if (size.isEmpty()) {
                continue; // CRLF that ends the previous chunk
            }
            int semi = size.indexOf(';');
            chunkLeft = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
            if (chunkLeft == 0) {
                throw new EOFException("end of stream");
            }
        }
        chunkLeft--;
        return readByte();
    }

    byte[] lastBody() {
        return lastBody;
    }

    private int readResponse() throws IOException {
        firstByteMissing = true;
        int first = in.read();
        if (first < 0) {
            throw new EOFException("connection closed before the response");
        }
        firstByteMissing = false;
        String statusLine = (char) first + readLine();
        int status = parseStatus(statusLine);
        long contentLength = -1;
        boolean isChunked = false;
        boolean close = statusLine.startsWith("HTTP/1.0");
        String l;
        while (!(l = readLine()).isEmpty()) {
            if (l.regionMatches(true, 0, "content-length:", 0, 15)) {
                contentLength = Long.parseLong(l.substring(15).trim());
            } else if (l.regionMatches(true, 0, "transfer-encoding:", 0, 18)) {
                isChunked = l.toLowerCase().contains("chunked");
            } else if (l.regionMatches(true, 0, "connection:", 0, 11)) {
                close = l.toLowerCase().contains("close");
            }
        }
        if (isChunked) {
            ByteArrayOutputStream body = keepBody ? new ByteArrayOutputStream() : null;
            while (true) {
                String size = readLine();
                int semi = size.indexOf(';');
                long n = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
                if (n == 0) {
                    while (!readLine().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                consume(n, body);
                readLine();
            }
            if (body != null) {
                lastBody = body.toByteArray();
            }
        } else if (contentLength >= 0) {
            ByteArrayOutputStream body = keepBody ? new ByteArrayOutputStream() : null;
            consume(contentLength, body);
            if (body != null) {
                lastBody = body.toByteArray();
            }
        } else {
            close = true; // body until close: we cannot reuse the connection
        }
        if (close) {
            close();
        }
        return status;
    }

    private void consume(long n, ByteArrayOutputStream body) throws IOException {
        for (long i = 0; i < n; i++) {
            int b = readByte();
            if (body != null) {
                body.write(b);
            }
        }
    }

    private static int parseStatus(String statusLine) throws IOException {
        // HTTP/1.1 200 OK
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/")) {
            throw new IOException("bad status line: " + statusLine);
        }
        return Integer.parseInt(statusLine.substring(9, 12));
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed by server");
        }
        return b;
    }

    private String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            int b = readByte();
            if (b == '\n') {
                int n = line.length();
                if (n > 0 && line.charAt(n - 1) == '\r') {
                    line.setLength(n - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    static byte[] get(String hostHeader, String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAccept: */*\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] post(String hostHeader, String path, String bearer, String jsonBody) {
        byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAccept: application/json\r\n"
                + "Authorization: Bearer " + bearer + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a loopback socket: nothing to do
            }
            socket = null;
        }
    }
}
