package org.crmsync.activities.http;

/**
 * Where and as whom to get a token with the OAuth2 client-credentials grant (apis.md A11).
 *
 * @param tokenUrl     {@code https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token} or an emulator's
 * @param scope        {@code <resource>/.default}
 * @param secretSetting the setting the secret came from, named in errors so the user knows what to fix
 */
public record ClientCredentials(String tokenUrl, String clientId, String clientSecret, String scope,
                                String secretSetting) {

    @Override
    public String toString() {
        return "ClientCredentials[" + tokenUrl + ", client " + clientId + "]"; // never the secret
    }
}
