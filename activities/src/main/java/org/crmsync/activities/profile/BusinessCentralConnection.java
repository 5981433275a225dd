package org.crmsync.activities.profile;

/**
 * How to reach one Business Central company.
 *
 * @param url       the API host, {@code https://api.businesscentral.dynamics.com} online
 * @param tokenUrl  the client-credentials endpoint, {@code https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token}
 * @param scope     {@code https://api.businesscentral.dynamics.com/.default} online
 */
public record BusinessCentralConnection(String url, String tenant, String environment, String companyId,
                                        String tokenUrl, String scope, String clientId, String clientSecret) {

    @Override
    public String toString() {
        return "BusinessCentralConnection[" + url + ", " + tenant + "/" + environment + ", company " + companyId
                + ", client " + clientId + "]";
    }
}
