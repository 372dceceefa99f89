package io.agent4j.mcp.server;

import io.agent4j.tool.Toolbox;

/** A process that serves {@link SampleTools} over stdio, as an application's main would. */
public final class StdioServerMain {

    private StdioServerMain() {
    }

    /** Serves until standard input ends. */
    public static void main(String[] args) {
        McpToolServer.of(Toolbox.of(new SampleTools())).serveStdio();
        System.err.println("stdio server: input ended, stopping");
    }
}
