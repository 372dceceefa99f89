package io.agent4j.mcp.server;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.beans.PropertyChangeListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Loader;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * An embedded Tomcat that runs one servlet on every path (the MCP servlet serves {@code /mcp}),
 * behind an optional filter; its error pages name no server and show no report. Loaded only when
 * Tomcat is on the class path.
 */
final class TomcatContainer implements AutoCloseable {

    private final Tomcat tomcat;
    private final Path baseDir;
    private final int port;

    private TomcatContainer(Tomcat tomcat, Path baseDir, int port) {
        this.tomcat = tomcat;
        this.baseDir = baseDir;
        this.port = port;
    }

    static TomcatContainer start(InetSocketAddress address, HttpServlet servlet, Filter filter) {
        org.apache.tomcat.util.modeler.Registry.disableRegistry();
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("agent4j-mcp-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the HTTP server's working folder: " + e.getMessage(), e);
        }
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(address.getPort());
        connector.setProperty("address", address.getAddress().getHostAddress());
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        StandardHost host = (StandardHost) tomcat.getHost();
        host.setAppBase(baseDir.toString());
        ErrorReportValve errors = new ErrorReportValve();
        errors.setShowReport(false);
        errors.setShowServerInfo(false);
        host.getPipeline().addValve(errors);
        Context context = tomcat.addContext("", baseDir.toString());
        context.setLoader(new ApplicationLoader());
        Wrapper wrapper = Tomcat.addServlet(context, "mcp", servlet);
        wrapper.setAsyncSupported(true);
        // Every path, so that the filter sees every request; the servlet answers 404 off /mcp.
        context.addServletMappingDecoded("/*", "mcp");
        if (filter != null) {
            FilterDef definition = new FilterDef();
            definition.setFilterName("bearer-token");
            definition.setFilter(filter);
            definition.setAsyncSupported("true");
            context.addFilterDef(definition);
            FilterMap mapping = new FilterMap();
            mapping.setFilterName("bearer-token");
            mapping.addURLPattern("/*");
            context.addFilterMap(mapping);
        }
        TomcatContainer container = new TomcatContainer(tomcat, baseDir, -1);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            container.close();
            throw new UncheckedIOException("Cannot start the HTTP server on " + describe(address) + ": "
                    + e.getMessage(), new IOException(e));
        }
        if (connector.getState() != LifecycleState.STARTED || connector.getLocalPort() <= 0) {
            container.close();
            String message = "Cannot listen on " + describe(address) + ": the port is in use, or the address is not "
                    + "this machine's. Choose another port (0 picks a free one).";
            throw new UncheckedIOException(message, new IOException(message));
        }
        return new TomcatContainer(tomcat, baseDir, connector.getLocalPort());
    }

    /**
     * Loads the servlet's classes with the application's own class loader: one servlet needs no web
     * application class loader, nor its leak checks, which would warn about the SDK's worker threads.
     */
    private static final class ApplicationLoader implements Loader {

        private Context context;

        @Override
        public void backgroundProcess() {
        }

        @Override
        public ClassLoader getClassLoader() {
            return TomcatContainer.class.getClassLoader();
        }

        @Override
        public Context getContext() {
            return context;
        }

        @Override
        public void setContext(Context context) {
            this.context = context;
        }

        @Override
        public boolean getDelegate() {
            return true;
        }

        @Override
        public void setDelegate(boolean delegate) {
        }

        @Override
        public void addPropertyChangeListener(PropertyChangeListener listener) {
        }

        @Override
        public boolean modified() {
            return false;
        }

        @Override
        public void removePropertyChangeListener(PropertyChangeListener listener) {
        }
    }

    private static String describe(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            // stopping is best effort: the JVM frees the port when it ends in any case
        } finally {
            delete(baseDir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
