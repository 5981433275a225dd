package org.crmsync.activities.profile;

/**
 * How to reach one Dataverse environment.
 *
 * @param url   the environment, such as {@code https://org.crm4.dynamics.com}
 * @param scope {@code <url>/.default}
 */
public record DataverseConnection(String url, String tokenUrl, String scope, String clientId, String clientSecret) {

    @Override
    public String toString() {
        return "DataverseConnection[" + url + ", client " + clientId + "]";
    }
}
