package org.crmsync.worker;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.crmsync.activities.profile.BusinessCentralConnection;
import org.crmsync.activities.profile.ConnectionProfile;
import org.crmsync.activities.profile.DataverseConnection;

/**
 * What a worker needs to run, read from its configuration ({@code application.yml}, then environment
 * variables such as {@code CRMSYNC_STORE_URL}). Secrets come from the environment
 * ({@code CRMSYNC_BC_CLIENT_SECRET}, {@code CRMSYNC_DATAVERSE_CLIENT_SECRET} and, for a profile with an
 * administrator's credential, {@code CRMSYNC_DATAVERSE_ADMIN_CLIENT_SECRET}), a secrets file of those names
 * ({@code CRMSYNC_SECRETS_FILE}) or per profile
 * ({@code crmsync.profiles.<name>.business-central.client-secret}), never from workflow inputs.
 *
 * @param pagesPerChunk pages each syncChunk activity processes before returning to the workflow
 * @param httpPort      where {@link OperationsServer} serves health and metrics; -1 for not at all, 0 for any free port
 */
public record WorkerSettings(String temporalAddress, String taskQueue, String storeUrl, String storeUser,
                             String storePassword, int pageSize, int pagesPerChunk, int maxConcurrentActivities,
                             String httpHost, int httpPort, List<ConnectionProfile> profiles) {

    /** The setting that turns on the health and metrics endpoints: {@code CRMSYNC_WORKER_HTTP_PORT}. */
    public static final String HTTP_PORT = "crmsync.worker.http-port";
    /** A file of secrets, for deployments that mount them as files: {@code CRMSYNC_SECRETS_FILE}. */
    public static final String SECRETS_FILE = "crmsync.secrets-file";

    /** Lets every profile use plain http to other hosts: {@code crmsync worker --insecure}, for test systems. */
    public static final String INSECURE = "crmsync.insecure";

    /** The settings of {@code application.yml} and the environment, with {@code overrides} on top. */
    public static WorkerSettings of(Map<String, Object> overrides) {
        try (ApplicationContext context = ApplicationContext.builder().properties(overrides)
                .deduceEnvironment(false).start()) {
            return from(context.getEnvironment());
        }
    }

    public static WorkerSettings from(Environment env) {
        List<ConnectionProfile> profiles = new ArrayList<>();
        Collection<String> names = env.getPropertyEntries("crmsync.profiles");
        Properties secrets = secretsFile(env);
        for (String name : names) {
            String p = "crmsync.profiles." + name + ".";
            String bcUrl = env.getProperty(p + "business-central.url", String.class, "https://api.businesscentral.dynamics.com");
            String bcTenant = required(env, p + "business-central.tenant");
            String dvUrl = required(env, p + "dataverse.url");
            String dvTenant = env.getProperty(p + "dataverse.tenant", String.class, bcTenant);
            String login = env.getProperty(p + "login-url", String.class, "https://login.microsoftonline.com");
            BusinessCentralConnection bc = new BusinessCentralConnection(bcUrl, bcTenant,
                    env.getProperty(p + "business-central.environment", String.class, "production"),
                    required(env, p + "business-central.company-id"),
                    env.getProperty(p + "business-central.token-url", String.class, login + "/" + bcTenant + "/oauth2/v2.0/token"),
                    env.getProperty(p + "business-central.scope", String.class, "https://api.businesscentral.dynamics.com/.default"),
                    required(env, p + "business-central.client-id"),
                    secret(env, secrets, p + "business-central.client-secret", "CRMSYNC_BC_CLIENT_SECRET"));
            DataverseConnection dataverse = new DataverseConnection(dvUrl,
                    env.getProperty(p + "dataverse.token-url", String.class, login + "/" + dvTenant + "/oauth2/v2.0/token"),
                    env.getProperty(p + "dataverse.scope", String.class, dvUrl + "/.default"),
                    required(env, p + "dataverse.client-id"),
                    secret(env, secrets, p + "dataverse.client-secret", "CRMSYNC_DATAVERSE_CLIENT_SECRET"));
            DataverseConnection administrator = env.getProperty(p + "dataverse.admin-client-id", String.class)
                    .map(clientId -> new DataverseConnection(dataverse.url(), dataverse.tokenUrl(), dataverse.scope(),
                            clientId, secret(env, secrets, p + "dataverse.admin-client-secret",
                            "CRMSYNC_DATAVERSE_ADMIN_CLIENT_SECRET")))
                    .orElse(null);
            String insecureSetting = p + "insecure";
            boolean insecure = env.getProperty(insecureSetting, Boolean.class, false)
                    || env.getProperty(INSECURE, Boolean.class, false);
            EndpointPolicy.check(p + "business-central.url", bc.url(), insecureSetting, insecure);
            EndpointPolicy.check(p + "business-central.token-url", bc.tokenUrl(), insecureSetting, insecure);
            EndpointPolicy.check(p + "dataverse.url", dataverse.url(), insecureSetting, insecure);
            EndpointPolicy.check(p + "dataverse.token-url", dataverse.tokenUrl(), insecureSetting, insecure);
            profiles.add(new ConnectionProfile(name, bc, dataverse,
                    env.getProperty(p + "local-currency-code", String.class, "USD"), administrator,
                    env.getProperty(p + "dataverse.solution-file", String.class).map(Path::of).orElse(null)));
        }
        return new WorkerSettings(
                env.getProperty("temporal.address", String.class, ""),
                env.getProperty("temporal.task-queue", String.class, "crmsync"),
                env.getProperty("crmsync.store.url", String.class, "jdbc:h2:file:./crmsync-store/crmsync"),
                env.getProperty("crmsync.store.user", String.class, "sa"),
                env.getProperty("crmsync.store.password", String.class, ""),
                env.getProperty("crmsync.sync.page-size", Integer.class, 1000),
                env.getProperty("crmsync.sync.pages-per-chunk", Integer.class, 5),
                env.getProperty("crmsync.worker.max-concurrent-activities", Integer.class, 8),
                env.getProperty("crmsync.worker.http-host", String.class, "0.0.0.0"),
                env.getProperty(HTTP_PORT, Integer.class, -1),
                profiles);
    }

    private static String required(Environment env, String key) {
        return env.getProperty(key, String.class).orElseThrow(() -> new IllegalArgumentException(
                "missing setting " + key + " (in application.yml or as an environment variable)"));
    }

    /** A secret: from the configuration, else the environment, else the secrets file, under the variable's name. */
    private static String secret(Environment env, Properties secrets, String key, String variable) {
        return env.getProperty(key, String.class)
                .or(() -> Optional.ofNullable(System.getenv(variable)))
                .or(() -> Optional.ofNullable(secrets.getProperty(variable)))
                .orElseThrow(() -> new IllegalArgumentException("missing secret: set " + variable + " (in the "
                        + "environment or the file " + SECRETS_FILE + " names) or " + key));
    }

    /**
     * The file {@code crmsync.secrets-file} ({@code CRMSYNC_SECRETS_FILE}) names, such as a mounted Kubernetes or
     * Docker secret: lines of {@code CRMSYNC_DATAVERSE_CLIENT_SECRET=…} in Java properties form; none when unset.
     */
    private static Properties secretsFile(Environment env) {
        Properties secrets = new Properties();
        Optional<String> file = env.getProperty(SECRETS_FILE, String.class);
        if (file.isPresent()) {
            try (Reader reader = Files.newBufferedReader(Path.of(file.get()))) {
                secrets.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException(SECRETS_FILE + " names " + file.get() + ", which cannot be read ("
                        + e + "): fix the path or unset it");
            }
        }
        return secrets;
    }

    /** The settings as Micronaut properties, for starting a worker programmatically (the demo, tests). */
    public static Map<String, Object> profileProperties(String name, ConnectionProfile profile) {
        String p = "crmsync.profiles." + name + ".";
        BusinessCentralConnection bc = profile.businessCentral();
        DataverseConnection dv = profile.dataverse();
        Map<String, Object> properties = new HashMap<>(Map.ofEntries(
                Map.entry(p + "business-central.url", bc.url()),
                Map.entry(p + "business-central.tenant", bc.tenant()),
                Map.entry(p + "business-central.environment", bc.environment()),
                Map.entry(p + "business-central.company-id", bc.companyId()),
                Map.entry(p + "business-central.token-url", bc.tokenUrl()),
                Map.entry(p + "business-central.scope", bc.scope()),
                Map.entry(p + "business-central.client-id", bc.clientId()),
                Map.entry(p + "business-central.client-secret", bc.clientSecret()),
                Map.entry(p + "dataverse.url", dv.url()),
                Map.entry(p + "dataverse.token-url", dv.tokenUrl()),
                Map.entry(p + "dataverse.scope", dv.scope()),
                Map.entry(p + "dataverse.client-id", dv.clientId()),
                Map.entry(p + "dataverse.client-secret", dv.clientSecret()),
                Map.entry(p + "local-currency-code", profile.localCurrencyCode())));
        if (profile.dataverseAdministrator() != null) {
            properties.put(p + "dataverse.admin-client-id", profile.dataverseAdministrator().clientId());
            properties.put(p + "dataverse.admin-client-secret", profile.dataverseAdministrator().clientSecret());
        }
        if (profile.integrationSolution() != null) {
            properties.put(p + "dataverse.solution-file", profile.integrationSolution().toString());
        }
        return properties;
    }
}
