package org.openbili.auth.server;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The two pages a person sees when a third-party application asks for access: sign in to OpenBili, then
 * allow (or refuse) what the application asked for. Plain server-rendered HTML, Chinese first.
 */
@RestController
class SignInPages {

    /** What each scope lets an application do, as the consent page explains it. */
    static final Map<String, String> SCOPES = Map.of(
            OidcScopes.OPENID, "确认你的 OpenBili 身份（账号 ID）",
            OidcScopes.PROFILE, "读取你的昵称和头像");

    private final RegisteredClientRepository clients;
    private final OAuth2AuthorizationConsentService consents;

    SignInPages(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
        this.clients = clients;
        this.consents = consents;
    }

    @GetMapping(path = AuthorizationServerConfiguration.LOGIN_PAGE, produces = MediaType.TEXT_HTML_VALUE)
    String login(
            @RequestParam(required = false) String error,
            @RequestParam(required = false) String logout,
            CsrfToken csrf) {
        String notice = "";
        if ("throttled".equals(error)) {
            notice = "<p class=\"error\">登录失败次数过多，请 15 分钟后再试。</p>";
        } else if (error != null) {
            notice = "<p class=\"error\">用户名或密码错误。</p>";
        } else if (logout != null) {
            notice = "<p class=\"note\">你已退出登录。</p>";
        }
        return page("登录 OpenBili", """
                <h1>登录 OpenBili</h1>
                <p class="note">第三方应用需要你先登录 OpenBili。</p>
                %s
                <form method="post" action="/oauth2/login">
                  <label>用户名 <input name="username" autocomplete="username" required autofocus></label>
                  <label>密码 <input name="password" type="password" autocomplete="current-password" required></label>
                  <input type="hidden" name="%s" value="%s">
                  <button type="submit">登录</button>
                </form>
                """.formatted(notice, escape(csrf.getParameterName()), escape(csrf.getToken())));
    }

    @GetMapping(path = AuthorizationServerConfiguration.CONSENT_PAGE, produces = MediaType.TEXT_HTML_VALUE)
    String consent(
            Principal principal,
            @RequestParam("client_id") String clientId,
            @RequestParam(name = "scope", defaultValue = "") String scope,
            @RequestParam(name = "state", defaultValue = "") String state) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null) {
            return page("授权失败", "<h1>授权失败</h1><p class=\"error\">未知的应用。</p>");
        }
        OAuth2AuthorizationConsent earlier = consents.findById(client.getId(), principal.getName());
        Set<String> granted = earlier == null ? Set.of() : earlier.getScopes();
        Set<String> asked = new LinkedHashSet<>(List.of(scope.split(" ")));
        asked.remove("");
        List<String> rows = new ArrayList<>();
        for (String s : asked) {
            if (OidcScopes.OPENID.equals(s)) {
                continue; // always granted with the others; sign-in itself is what openid means
            }
            rows.add("""
                    <label class="scope"><input type="checkbox" name="scope" value="%s" checked%s> %s</label>
                    """.formatted(
                            escape(s),
                            granted.contains(s) ? " disabled" : "",
                            escape(SCOPES.getOrDefault(s, s)) + (granted.contains(s) ? "（已授权）" : "")));
            if (granted.contains(s)) {
                rows.add("<input type=\"hidden\" name=\"scope\" value=\"%s\">".formatted(escape(s)));
            }
        }
        String openid = asked.contains(OidcScopes.OPENID)
                ? "<input type=\"hidden\" name=\"scope\" value=\"openid\"><p class=\"note\">· "
                        + SCOPES.get(OidcScopes.OPENID) + "</p>"
                : "";
        return page("授权 " + client.getClientName(), """
                <h1>「%s」申请访问你的 OpenBili 账号</h1>
                <form method="post" action="/oauth2/authorize">
                  <input type="hidden" name="client_id" value="%s">
                  <input type="hidden" name="state" value="%s">
                  %s
                  %s
                  <button type="submit" id="allow">同意授权</button>
                </form>
                <form method="post" action="/oauth2/authorize">
                  <input type="hidden" name="client_id" value="%s">
                  <input type="hidden" name="state" value="%s">
                  <button type="submit" id="deny" class="secondary">拒绝</button>
                </form>
                <p class="note">授权后可随时在设置中撤销。不会向该应用透露你的密码。</p>
                """.formatted(
                        escape(client.getClientName()),
                        escape(clientId),
                        escape(state),
                        openid,
                        String.join("\n", rows),
                        escape(clientId),
                        escape(state)));
    }

    static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="zh-CN"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <link rel="icon" href="/favicon.svg" type="image/svg+xml">
                <title>%s</title>
                <style>
                  body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f1f2f3;margin:0}
                  main{max-width:380px;margin:10vh auto;background:#fff;border-radius:8px;padding:28px 32px;box-shadow:0 2px 12px #0001}
                  h1{font-size:20px;color:#18191c} label{display:block;margin:14px 0;color:#61666d}
                  input:not([type]),input[type=password]{display:block;width:100%%;box-sizing:border-box;padding:8px;margin-top:6px;border:1px solid #e3e5e7;border-radius:6px}
                  button{width:100%%;padding:10px;margin-top:12px;border:0;border-radius:6px;background:#fb7299;color:#fff;font-size:15px;cursor:pointer}
                  button.secondary{background:#e3e5e7;color:#18191c} .error{color:#f85a54} .note{color:#9499a0;font-size:13px}
                </style></head>
                <body><main>%s</main></body></html>
                """.formatted(escape(title), body);
    }

    static String escape(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }
}
