package io.agent4j.tools.http;

import java.net.UnknownHostException;

/**
 * A host or address the HTTP tool may not reach. An {@link UnknownHostException} so that OkHttp's
 * {@code Dns} may throw it; the socket guard throws it too.
 */
final class AddressRefusedException extends UnknownHostException {

    AddressRefusedException(String message) {
        super(message);
    }
}
