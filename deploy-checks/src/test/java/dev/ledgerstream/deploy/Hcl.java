package dev.ledgerstream.deploy;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading Terraform files without Terraform. {@link #parse} uses hcl4j, which understands the
 * grammar but forgives some broken structure (an unclosed block parses); {@link #structureProblems}
 * closes that gap with a scan of brackets, strings, interpolations, heredocs and comments.
 *
 * <p>hcl4j does not accept every form of HCL2: no string template inside the body of a {@code for}
 * expression, no parenthesised object key. The Terraform files use {@code format()} and a
 * {@code for} expression instead; they were also checked with HashiCorp's own parser.
 */
final class Hcl {

    private static final Pattern HEREDOC_START = Pattern.compile("<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \\t]*\\r?\\n");

    private Hcl() {
    }

    /** The file as nested maps; a syntax error hcl4j detects fails with the file's name. */
    static Map<String, Object> parse(Path file) {
        try {
            return new HCLParser().parse(file.toFile(), "UTF-8");
        } catch (Exception e) {
            throw new AssertionError(Repository.ROOT.relativize(file) + " does not parse: " + e.getMessage(), e);
        }
    }

    private enum Kind { BRACKET, STRING, INTERPOLATION, HEREDOC }

    private record Frame(Kind kind, char open, String marker, int line) {
    }

    /** Unbalanced brackets, unterminated strings, interpolations, heredocs and block comments. */
    static List<String> structureProblems(String source) {
        List<String> problems = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        int line = 1;
        int i = 0;
        while (i < source.length() && problems.isEmpty()) {
            char c = source.charAt(i);
            Frame top = stack.peek();
            Kind context = top == null ? Kind.BRACKET : top.kind();
            if (context == Kind.HEREDOC && (i == 0 || source.charAt(i - 1) == '\n')) {
                int end = source.indexOf('\n', i);
                String text = source.substring(i, end < 0 ? source.length() : end);
                if (text.strip().equals(top.marker())) {
                    stack.pop();
                    i = end < 0 ? source.length() : end;
                    continue;
                }
            }
            if (c == '\n') {
                if (context == Kind.STRING) {
                    problems.add("line " + line + ": string not closed before the end of the line");
                }
                line++;
                i++;
            } else if (context == Kind.STRING || context == Kind.HEREDOC) {
                i = template(source, i, stack, line);
            } else {
                int next = code(source, i, stack, line, problems);
                line += count(source, i, next, '\n');
                i = next;
            }
        }
        if (problems.isEmpty() && !stack.isEmpty()) {
            Frame open = stack.peek();
            problems.add("line " + open.line() + ": " + describe(open) + " is never closed");
        }
        return problems;
    }

    /** One step inside a quoted string or a heredoc: an escape, an interpolation, its end, or a character. */
    private static int template(String source, int i, Deque<Frame> stack, int line) {
        char c = source.charAt(i);
        boolean quoted = stack.peek().kind() == Kind.STRING;
        if (quoted && c == '\\') {
            return i + 2;
        }
        if (quoted && c == '"') {
            stack.pop();
            return i + 1;
        }
        if (source.startsWith("$${", i) || source.startsWith("%%{", i)) {
            return i + 3;
        }
        if (source.startsWith("${", i) || source.startsWith("%{", i)) {
            stack.push(new Frame(Kind.INTERPOLATION, '{', null, line));
            return i + 2;
        }
        return i + 1;
    }

    /** One step in expression context; returns the next index. */
    private static int code(String source, int i, Deque<Frame> stack, int line, List<String> problems) {
        char c = source.charAt(i);
        if (c == '#' || source.startsWith("//", i)) {
            int end = source.indexOf('\n', i);
            return end < 0 ? source.length() : end;
        }
        if (source.startsWith("/*", i)) {
            int end = source.indexOf("*/", i + 2);
            if (end < 0) {
                problems.add("line " + line + ": comment /* is never closed");
                return source.length();
            }
            return end + 2;
        }
        if (c == '"') {
            stack.push(new Frame(Kind.STRING, '"', null, line));
            return i + 1;
        }
        Matcher heredoc = HEREDOC_START.matcher(source).region(i, source.length());
        if (source.startsWith("<<", i) && heredoc.lookingAt()) {
            stack.push(new Frame(Kind.HEREDOC, '<', heredoc.group(2), line));
            return heredoc.end() - 1;
        }
        if (c == '{' || c == '[' || c == '(') {
            stack.push(new Frame(Kind.BRACKET, c, null, line));
        } else if (c == '}' || c == ']' || c == ')') {
            Frame top = stack.peek();
            char expected = c == '}' ? '{' : c == ']' ? '[' : '(';
            if (top == null || top.open() != expected || !(top.kind() == Kind.BRACKET || top.kind() == Kind.INTERPOLATION)) {
                problems.add("line " + line + ": unexpected '" + c + "'"
                        + (top == null ? "" : ", " + describe(top) + " is still open"));
            } else {
                stack.pop();
            }
        }
        return i + 1;
    }

    private static String describe(Frame frame) {
        return switch (frame.kind()) {
            case BRACKET -> "'" + frame.open() + "' opened on line " + frame.line();
            case STRING -> "string opened on line " + frame.line();
            case INTERPOLATION -> "interpolation opened on line " + frame.line();
            case HEREDOC -> "heredoc <<" + frame.marker() + " opened on line " + frame.line();
        };
    }

    private static int count(String source, int from, int to, char wanted) {
        int n = 0;
        for (int i = from; i < to && i < source.length(); i++) {
            if (source.charAt(i) == wanted) {
                n++;
            }
        }
        return n;
    }

    /** What {@code terraform fmt} would change in layout: tabs, trailing blanks, odd indentation. */
    static List<String> layoutProblems(String source) {
        List<String> problems = new ArrayList<>();
        if (!source.endsWith("\n")) {
            problems.add("the file does not end with a newline");
        }
        String[] lines = source.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String text = lines[n];
            int indent = text.length() - text.stripLeading().length();
            if (text.contains("\t") || text.contains("\r")) {
                problems.add("line " + (n + 1) + ": tab or carriage return");
            } else if (!text.equals(text.stripTrailing())) {
                problems.add("line " + (n + 1) + ": trailing whitespace");
            } else if (indent % 2 != 0) {
                problems.add("line " + (n + 1) + ": indented by " + indent + " spaces, not a multiple of two");
            }
        }
        return problems;
    }
}
