// The guide's Java verification (seeds/001, "Java 예시") as a standalone customer-info endpoint,
// written independently of custlink so `custlink check` is tested against someone else's code.
// Run: java GuideEndpoint.java KEY [body+timestamp|uri+body+timestamp] [403|400]
// The last argument is the status for a failed verification: the guide throws error.bad_request,
// which many frameworks answer with 400; 403 (the default) is the protocol table's.
// Prints "LISTENING <port>" once it accepts requests on 127.0.0.1.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class GuideEndpoint {
    static final long FIVE_MINUTES = 5 * 60 * 1000L;
    static final int MAX_BODY = 64 * 1024;
    static String apiKey;
    static boolean withUri;
    static int refusal = 403;

    public static void main(String[] args) throws Exception {
        apiKey = args[0];
        withUri = args.length > 1 && args[1].equals("uri+body+timestamp");
        if (args.length > 2) refusal = Integer.parseInt(args[2]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", GuideEndpoint::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        System.out.println("LISTENING " + server.getAddress().getPort());
        System.out.flush();
    }

    static void handle(HttpExchange ex) throws IOException {
        try {
            if (!ex.getRequestMethod().equals("POST")) {
                send(ex, 405, error("method_not_allowed", "POST only"));
                return;
            }
            String length = ex.getRequestHeaders().getFirst("Content-Length");
            if (length != null && Long.parseLong(length) > MAX_BODY) {
                send(ex, 413, error("body_too_large", "Request body is too large."));
                return;
            }
            byte[] raw = ex.getRequestBody().readNBytes(MAX_BODY + 1);
            if (raw.length > MAX_BODY) {
                send(ex, 413, error("body_too_large", "Request body is too large."));
                return;
            }
            if (!verify(ex, raw)) {
                send(ex, refusal, refusal == 403 ? error("forbidden", "Authorization failed.") : error("bad_request", "Bad request."));
                return;
            }
            Map<String, String> items = FlatJson.parse(new String(raw, StandardCharsets.UTF_8));
            if (items == null) {
                send(ex, 400, error("bad_request", "Body is not a JSON object of strings."));
                return;
            }
            String callNum = items.get("callNum");
            if (callNum == null) {
                send(ex, 400, error("bad_request", "callNum is required."));
                return;
            }
            if (!callNum.equals("01012345678")) {
                send(ex, 400, "{\"error\":{\"code\":911,\"message\":\"Not existing user.\",\"detail\":null}}");
                return;
            }
            send(ex, 200, "{\"data\":{\"userName\":\"test\",\"id\":\"testId\"}}");
        } catch (Exception e) {
            send(ex, 500, error("server_error", "Server error."));
        }
    }

    // The guide's checks, in its order: numeric timestamp, the 5-minute window, then the HMAC.
    static boolean verify(HttpExchange ex, byte[] raw) throws Exception {
        String token = ex.getRequestHeaders().getFirst("Authorization");
        String time = ex.getRequestHeaders().getFirst("X-TC-Timestamp");
        if (!isNumeric(time)) return false;
        long date = Long.parseLong(time);
        long now = System.currentTimeMillis();
        // date.minusMinutes(5).isAfterNow() || date.plusMinutes(5).isBeforeNow()
        if (date - FIVE_MINUTES > now || date + FIVE_MINUTES < now) return false;
        String uri = withUri ? ex.getRequestURI().getRawPath() : "";
        String content = uri + new String(raw, StandardCharsets.UTF_8) + time;
        SecretKeySpec signingKey = new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        Mac mac = Mac.getInstance(signingKey.getAlgorithm());
        mac.init(signingKey);
        byte[] rawHmac = mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        String localAuthorization = Base64.getEncoder().encodeToString(rawHmac);
        return token != null && token.equals(localAuthorization);
    }

    // Commons Lang StringUtils.isNumeric: non-empty, every char a digit. Long.parseLong then
    // bounds it; a longer run of digits is caught by the handler as a server error.
    static boolean isNumeric(String s) {
        if (s == null || s.isEmpty() || s.length() > 18) return false;
        for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return false;
        return true;
    }

    static String error(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"detail\":null}}";
    }

    static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    // A JSON object whose values are all strings; null for anything else. Enough for lookup items.
    static final class FlatJson {
        private final String s;
        private int i;

        private FlatJson(String s) { this.s = s; }

        static Map<String, String> parse(String text) {
            try {
                FlatJson p = new FlatJson(text);
                Map<String, String> out = p.object();
                p.ws();
                return p.i == p.s.length() ? out : null;
            } catch (RuntimeException e) {
                return null;
            }
        }

        private Map<String, String> object() {
            Map<String, String> out = new LinkedHashMap<>();
            ws(); expect('{'); ws();
            if (peek() == '}') { i++; return out; }
            while (true) {
                ws(); String k = string(); ws(); expect(':'); ws();
                out.put(k, string()); ws();
                char c = s.charAt(i++);
                if (c == '}') return out;
                if (c != ',') throw new IllegalArgumentException();
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case '"': case '\\': case '/': b.append(e); break;
                        case 'b': b.append('\b'); break;
                        case 'f': b.append('\f'); break;
                        case 'n': b.append('\n'); break;
                        case 'r': b.append('\r'); break;
                        case 't': b.append('\t'); break;
                        case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                        default: throw new IllegalArgumentException();
                    }
                } else if (c < 0x20) {
                    throw new IllegalArgumentException();
                } else {
                    b.append(c);
                }
            }
        }

        private void ws() { while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++; }
        private char peek() { return s.charAt(i); }
        private void expect(char c) { if (s.charAt(i++) != c) throw new IllegalArgumentException(); }
    }
}
