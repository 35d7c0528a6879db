// The guide's signing, in Java, as a helpdesk written in Java would send a lookup: the
// Authorization is Base64(HMAC-SHA256(key, body + timestamp)) (the guide's verification, turned
// around), and java.net.http sends the body with no Content-Type, since the guide names none.
// Run: java GuideSender.java URL KEY BODY   -> prints the status, a newline, the answer's body.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class GuideSender {
    public static void main(String[] args) throws Exception {
        String url = args[0], apiKey = args[1], body = args[2];
        String time = String.valueOf(System.currentTimeMillis());
        SecretKeySpec signingKey = new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        Mac mac = Mac.getInstance(signingKey.getAlgorithm());
        mac.init(signingKey);
        byte[] rawHmac = mac.doFinal((body + time).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", Base64.getEncoder().encodeToString(rawHmac))
            .header("X-TC-Timestamp", time)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(response.statusCode());
        System.out.print(response.body());
    }
}
