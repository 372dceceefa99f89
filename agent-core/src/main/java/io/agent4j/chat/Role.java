package io.agent4j.chat;

/** The author of a {@link Message}, named as on the wire of the Chat Completions API. */
public enum Role {
    /** Instructions that frame the whole conversation. */
    SYSTEM("system"),
    /** What the person asked. */
    USER("user"),
    /** What the model answered, possibly with tool calls. */
    ASSISTANT("assistant"),
    /** The result of one tool call. */
    TOOL("tool");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The role's name on the wire: {@code system}, {@code user}, {@code assistant} or {@code tool}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Reads a wire name.
     *
     * @throws IllegalArgumentException naming the unknown role
     */
    public static Role fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName.equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown message role '" + name
                + "'; expected one of system, user, assistant, tool");
    }
}
