package org.crmsync.worker;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * A profile's endpoints carry client secrets, tokens and customer data, so they must use https unless
 * they are on this machine (the emulators) or the profile is marked insecure on purpose.
 */
final class EndpointPolicy {

    private EndpointPolicy() {
    }

    /** @throws IllegalArgumentException naming the setting, when {@code url} is plain http to another host */
    static void check(String setting, String url, String insecureSetting, boolean insecure) {
        URI uri = URI.create(url);
        if ("https".equalsIgnoreCase(uri.getScheme()) || insecure || isLoopback(uri.getHost())) {
            return;
        }
        throw new IllegalArgumentException(setting + " is " + url + ": secrets and customer data would cross the "
                + "network unencrypted. Use https, or for a test system set " + insecureSetting + "=true (or start "
                + "the worker with crmsync worker --insecure)");
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // literal addresses only: a name is not resolved, so that DNS cannot make a host count as local
            return looksLikeAddress(host) && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean looksLikeAddress(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }
}
