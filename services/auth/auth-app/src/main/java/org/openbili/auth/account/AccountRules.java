package org.openbili.auth.account;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.openbili.common.problem.ApiException;
import org.openbili.common.problem.ProblemField;

/**
 * What usernames and passwords may be. Usernames: 3-20 letters, digits or {@code _}, compared without case;
 * {@code wx_} starts only the names given to WeChat accounts. Passwords: at least 8 characters and not only
 * digits; at most 72 bytes, the most BCrypt reads.
 */
public final class AccountRules {

    public static final String WECHAT_PREFIX = "wx_";
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{3,20}");
    private static final int PASSWORD_MIN = 8;
    private static final int PASSWORD_MAX_BYTES = 72;

    private AccountRules() {}

    public static String normalize(String username) {
        return username == null ? null : username.strip().toLowerCase(Locale.ROOT);
    }

    /** The problems of a username, empty when it is fine. */
    public static List<ProblemField> usernameProblems(String username) {
        List<ProblemField> problems = new ArrayList<>();
        if (username == null || username.isBlank()) {
            problems.add(new ProblemField("username", "不能为空"));
        } else if (!USERNAME.matcher(username.strip()).matches()) {
            problems.add(new ProblemField("username", "须为 3–20 位字母、数字或下划线"));
        } else if (normalize(username).startsWith(WECHAT_PREFIX)) {
            problems.add(new ProblemField("username", "不能以 wx_ 开头"));
        }
        return problems;
    }

    /** The problems of a password, empty when it is fine. */
    public static List<ProblemField> passwordProblems(String password) {
        List<ProblemField> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add(new ProblemField("password", "不能为空"));
        } else if (password.codePointCount(0, password.length()) < PASSWORD_MIN) {
            problems.add(new ProblemField("password", "至少 " + PASSWORD_MIN + " 个字符"));
        } else if (password.chars().allMatch(Character::isDigit)) {
            problems.add(new ProblemField("password", "不能全是数字"));
        } else if (password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
            problems.add(new ProblemField("password", "太长了（最多 72 字节）"));
        }
        return problems;
    }

    /** A 400 listing every field that broke a rule; nothing when the list is empty. */
    public static void refuse(List<ProblemField> problems) {
        if (problems.isEmpty()) {
            return;
        }
        ApiException e = ApiException.badRequest(
                "VALIDATION_FAILED",
                problems.stream()
                        .map(p -> p.field() + " " + p.message())
                        .reduce((a, b) -> a + "; " + b)
                        .orElseThrow());
        problems.forEach(p -> e.withField(p.field(), p.message()));
        throw e;
    }
}
