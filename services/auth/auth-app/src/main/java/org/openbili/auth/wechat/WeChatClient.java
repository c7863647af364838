package org.openbili.auth.wechat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.openbili.common.problem.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeChat's {@code jscode2session}: the code a mini-program got from {@code wx.login} becomes the user's openid
 * (and unionid, when the mini-program belongs to an open-platform account). WeChat's refusals become problems
 * the client can act on: a bad or used code is a 400, WeChat's rate limit a 429, anything else on WeChat's side
 * (busy, unreachable, too slow, misconfigured) a 503.
 */
@Component
class WeChatClient {

    private static final Logger log = LoggerFactory.getLogger(WeChatClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;
    private final String appId;
    private final String secret;

    WeChatClient(
            @Value("${WECHAT_API_BASE:https://api.weixin.qq.com}") String base,
            @Value("${WECHAT_APPID:}") String appId,
            @Value("${WECHAT_SECRET:}") String secret,
            @Value("${openbili.auth.wechat.timeout:5s}") Duration timeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.http = RestClient.builder().baseUrl(base).requestFactory(requests).build();
        this.appId = appId;
        this.secret = secret;
    }

    /** Who a WeChat user is to this mini-program. */
    record WeChatSession(String openid, String unionid) {}

    WeChatSession exchange(String code) {
        if (appId.isBlank() || secret.isBlank()) {
            throw unavailable("WECHAT_NOT_CONFIGURED", "微信登录尚未开通（未配置 WECHAT_APPID / WECHAT_SECRET）。");
        }
        String body;
        try {
            // WeChat answers JSON labelled text/plain; read it as text.
            body = http.get()
                    // values as template variables: encoded whatever they hold, never read as a template ({…})
                    .uri(uri -> uri.path("/sns/jscode2session")
                            .queryParam("appid", "{appid}")
                            .queryParam("secret", "{secret}")
                            .queryParam("js_code", "{code}")
                            .queryParam("grant_type", "authorization_code")
                            .build(Map.of("appid", appId, "secret", secret, "code", code)))
                    .retrieve()
                    .body(String.class);
        } catch (RestClientException e) {
            log.warn("jscode2session failed: {}", e.toString());
            throw unavailable("WECHAT_UNAVAILABLE", "暂时无法连接微信，请稍后再试。");
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body == null ? "" : body);
        } catch (RuntimeException e) {
            throw unavailable("WECHAT_UNAVAILABLE", "微信返回了无法识别的结果，请稍后再试。");
        }
        int errcode = answer.path("errcode").asInt(0);
        String openid = answer.path("openid").asString("");
        if (errcode == 0 && !openid.isBlank()) {
            String unionid = answer.path("unionid").asString("");
            return new WeChatSession(openid, unionid.isBlank() ? null : unionid);
        }
        throw refusal(errcode, answer.path("errmsg").asString(""));
    }

    private static ApiException refusal(int errcode, String errmsg) {
        return switch (errcode) {
            case 40029, 40163 ->
                ApiException.badRequest("WECHAT_CODE_INVALID", "微信登录凭证无效或已使用，请重新登录。")
                        .withField("code", "无效或已使用");
            case 45011 -> ApiException.tooManyRequests("WECHAT_RATE_LIMITED", "微信登录过于频繁，请稍后再试。", 60);
            case 40226 -> ApiException.forbidden("WECHAT_USER_BLOCKED", "微信判定此账号存在风险，暂时无法登录。");
            case -1 -> unavailable("WECHAT_BUSY", "微信系统繁忙，请稍后再试。");
            default -> {
                log.warn("jscode2session refused: errcode {} {}", errcode, errmsg);
                yield unavailable("WECHAT_UNAVAILABLE", "微信登录暂时不可用（错误码 " + errcode + "）。");
            }
        };
    }

    private static ApiException unavailable(String code, String detail) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, code, detail).withHeader("Retry-After", "5");
    }
}
