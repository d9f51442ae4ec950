package io.onex.api.topic;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kafka topic names under the ONEX convention {@code {env}.{tenant}.{context}.{class}.{topic-name}.{version}}.
 *
 * <p>Three forms are accepted wherever a topic is named:
 * <ul>
 *   <li>a full ONEX name, {@code dev.omninode_bridge.onex.evt.stamp-workflow-started.v1}, checked segment by segment;
 *   <li>an ONEX reference, {@code onex.evt.stamp-workflow-started.v1} (context, class, name, version), which
 *       {@link #resolve} prefixes with {@code {env}.{tenant}.};
 *   <li>any other name Kafka accepts ({@code [a-zA-Z0-9._-]{1,249}}): legacy flat names, prefixed names of the
 *       Kafka effect node. These are used as they are.
 * </ul>
 */
public final class TopicName {

    /** Suffix of dead-letter topics. */
    public static final String DLQ_SUFFIX = ".dlq";

    static final Set<String> ENVIRONMENTS = Set.of("dev", "staging", "prod");
    static final Set<String> CONTEXTS = Set.of("onex", "codegen", "agents");
    static final Set<String> CLASSES = Set.of("evt", "cmd", "qrs", "doc");

    private static final Pattern KAFKA_LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern TENANT = Pattern.compile("[a-z0-9_]+");
    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern VERSION = Pattern.compile("v[1-9][0-9]*");

    private TopicName() {
    }

    /**
     * Resolves a topic as written in a contract, workflow or {@link io.onex.api.OutboundEvent}.
     *
     * @param topic a full name, an ONEX reference or another legal name
     * @param env the environment ({@code dev|staging|prod})
     * @param tenant the tenant ({@code [a-z0-9_]+})
     * @return the full topic name
     * @throws IllegalArgumentException when the name is illegal, saying what was expected
     */
    public static String resolve(String topic, String env, String tenant) {
        String problem = problem(topic);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return isReference(topic) ? env + "." + tenant + "." + topic : topic;
    }

    /**
     * Whether the text is an ONEX reference: {@code context.class.topic-name.vN} with a known context and class.
     *
     * @param topic the text
     * @return true for a reference
     */
    public static boolean isReference(String topic) {
        String[] s = topic.split("\\.", -1);
        return s.length == 4 && CONTEXTS.contains(s[0]) && CLASSES.contains(s[1]) && KEBAB.matcher(s[2]).matches()
                && VERSION.matcher(s[3]).matches();
    }

    /**
     * Checks a topic name or reference.
     *
     * @param topic the name
     * @return null when legal, else what is wrong and what was expected
     */
    public static String problem(String topic) {
        if (topic == null || !KAFKA_LEGAL.matcher(topic).matches()) {
            return "topic '" + topic + "' is not a legal Kafka topic name: expected 1 to 249 characters of [a-zA-Z0-9._-]";
        }
        if (topic.endsWith(DLQ_SUFFIX)) {
            return null;
        }
        String[] s = topic.split("\\.", -1);
        if (s.length == 6 && ENVIRONMENTS.contains(s[0]) && CONTEXTS.contains(s[2])) {
            // claims the ONEX shape: check every segment
            if (!TENANT.matcher(s[1]).matches()) {
                return "topic '" + topic + "': tenant '" + s[1] + "' must match [a-z0-9_]+";
            }
            if (!CLASSES.contains(s[3])) {
                return "topic '" + topic + "': class '" + s[3] + "' must be one of evt, cmd, qrs, doc";
            }
            if (!KEBAB.matcher(s[4]).matches()) {
                return "topic '" + topic + "': topic name '" + s[4] + "' must be kebab-case";
            }
            if (!VERSION.matcher(s[5]).matches()) {
                return "topic '" + topic + "': version '" + s[5] + "' must be v1, v2, ...";
            }
        }
        return null;
    }

    /**
     * The dead-letter topic of a topic: the name plus {@code .dlq}.
     *
     * @param topic a full topic name
     * @return {@code topic + ".dlq"}; a DLQ topic is its own DLQ
     */
    public static String deadLetterOf(String topic) {
        return topic.endsWith(DLQ_SUFFIX) ? topic : topic + DLQ_SUFFIX;
    }

    /** Whether the topic is a dead-letter topic. */
    public static boolean isDeadLetter(String topic) {
        return topic.endsWith(DLQ_SUFFIX);
    }

    /**
     * Checks an environment name.
     *
     * @param env the text
     * @return whether it is {@code dev}, {@code staging} or {@code prod}
     */
    public static boolean isEnvironment(String env) {
        return ENVIRONMENTS.contains(env);
    }

    /**
     * Checks a tenant name.
     *
     * @param tenant the text
     * @return whether it matches {@code [a-z0-9_]+}
     */
    public static boolean isTenant(String tenant) {
        return tenant != null && TENANT.matcher(tenant).matches();
    }
}
