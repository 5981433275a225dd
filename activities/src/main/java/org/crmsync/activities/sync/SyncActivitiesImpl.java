package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crmsync.activities.http.AuthenticationFailure;
import org.crmsync.activities.http.ConfigurationFailure;
import org.crmsync.activities.http.MalformedResponse;
import org.crmsync.activities.http.RequestRejected;
import org.crmsync.activities.http.ThrottledFailure;
import org.crmsync.activities.mapping.DefaultMappings;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.profile.ConnectionProfiles;
import org.crmsync.activities.store.Coupling;
import org.crmsync.activities.store.CouplingRefused;
import org.crmsync.activities.store.FailedRecord;
import org.crmsync.activities.store.IntegrationStore;
import org.crmsync.workflows.plan.Direction;
import org.crmsync.workflows.plan.MappingPlan;
import org.crmsync.workflows.plan.Recommendation;
import org.crmsync.workflows.plan.SyncPlan;
import org.crmsync.workflows.sync.CoupleRequest;
import org.crmsync.workflows.sync.CouplingActivities;
import org.crmsync.workflows.sync.FailureReason;
import org.crmsync.workflows.sync.FailuresRequest;
import org.crmsync.workflows.sync.ItemAvailabilityRequest;
import org.crmsync.workflows.sync.JobCounters;
import org.crmsync.workflows.sync.PlanRequest;
import org.crmsync.workflows.sync.RecordFailureView;
import org.crmsync.workflows.sync.RetrySkippedRequest;
import org.crmsync.workflows.sync.SyncActivities;
import org.crmsync.workflows.sync.SyncChunkRequest;
import org.crmsync.workflows.sync.SyncChunkResult;
import org.crmsync.workflows.sync.SynchronizeRequest;
import org.crmsync.workflows.sync.UncoupleRequest;

/** The sync activities over the connectors and the integration store. */
public final class SyncActivitiesImpl implements SyncActivities, CouplingActivities, AutoCloseable {

    /** Enough frames to tell where a failure came from; Temporal's size limit leaves no room for the rest. */
    private static final int STACK_FRAMES = 8;
    private static final int MESSAGE_CHARS = 1500;

    private final ConnectionProfiles profiles;
    private final IntegrationStore store;
    private final Clock clock;
    private final ChunkRunner runner;
    private final ItemAvailabilityRefresh availability;
    private final Map<String, Connectors> connectors = new ConcurrentHashMap<>();

    /**
     * @param pageSize      records per source page
     * @param pagesPerChunk pages per activity call: more means fewer history events, fewer means finer progress
     */
    public SyncActivitiesImpl(ConnectionProfiles profiles, IntegrationStore store, Clock clock, int pageSize,
                              int pagesPerChunk) {
        this.profiles = profiles;
        this.store = store;
        this.clock = clock;
        this.runner = new ChunkRunner(store, clock, pageSize, pagesPerChunk);
        this.availability = new ItemAvailabilityRefresh(store, clock);
    }

    @Override
    public SyncPlan plan(PlanRequest request) {
        return failingAsTemporal(() -> {
            Connectors clients = connectorsOf(request.profile());
            List<MappingPlan> mappings = new ArrayList<>();
            List<TableMapping> planned = request.mapping() == null ? store.mappings(request.profile())
                    : List.of(store.mapping(request.profile(), request.mapping()));
            for (TableMapping mapping : planned) {
                long bcCount = clients.bc().count(mapping.bc().entitySet(), mapping.bc().filter());
                long crmCount = mapping.crm().isChoice()
                        ? clients.dataverse().options(mapping.crm().logicalName(), mapping.crm().choiceColumn()).size()
                        : clients.dataverse().count(mapping.crm().entitySet(), mapping.crm().key(), mapping.crm().filter());
                long source = mapping.direction() == Direction.FROM_INTEGRATION_TABLE ? crmCount : bcCount;
                mappings.add(new MappingPlan(mapping.name(), mapping.direction(), mapping.dependsOn(),
                        recommend(mapping, bcCount, crmCount), source));
            }
            if (request.mapping() == null && store.itemAvailability(request.profile()).enabled()
                    && planned.stream().anyMatch(mapping -> mapping.name().equals(DefaultMappings.ITEM_PRODUCT))) {
                mappings.add(new MappingPlan(SyncPlan.ITEM_AVAILABILITY, Direction.TO_INTEGRATION_TABLE,
                        List.of(DefaultMappings.ITEM_PRODUCT), Recommendation.FULL_SYNCHRONIZATION, -1));
            }
            return new SyncPlan(mappings);
        });
    }

    /** The initial synchronization recommendation of bc-integration.md §5, step 1. */
    static Recommendation recommend(TableMapping mapping, long bcCount, long crmCount) {
        if (mapping.name().equals(DefaultMappings.SALESPEOPLE)) {
            return Recommendation.FULL_SYNCHRONIZATION;
        }
        if (mapping.crm().isChoice()) {
            // a choice column always has options; coupling matches BC's codes with their labels first
            return bcCount == 0 ? Recommendation.NO_RECORDS_FOUND : Recommendation.COUPLE_RECORDS;
        }
        if (mapping.name().equals(DefaultMappings.CURRENCY)) {
            // Dataverse starts with its base currency only; anything more was set up by hand.
            return crmCount <= 1 ? Recommendation.FULL_SYNCHRONIZATION : Recommendation.COUPLE_RECORDS;
        }
        if (bcCount == 0 && crmCount == 0) {
            return Recommendation.NO_RECORDS_FOUND;
        }
        return bcCount > 0 && crmCount > 0 ? Recommendation.COUPLE_RECORDS : Recommendation.FULL_SYNCHRONIZATION;
    }

    @Override
    public SyncChunkResult syncChunk(SyncChunkRequest request) {
        return syncChunk(request, cursor -> Activity.getExecutionContext().heartbeat(cursor));
    }

    /**
     * The chunk outside an activity, as the benchmark's plain loop runs it: {@code committed} hears the
     * position after each committed page, where the activity heartbeats it.
     */
    public SyncChunkResult syncChunk(SyncChunkRequest request, Consumer<String> committed) {
        if (request.direction() == Direction.BIDIRECTIONAL) {
            throw ApplicationFailure.newNonRetryableFailure("a chunk runs one direction, not " + request.direction(),
                    CONFIGURATION_FAILURE);
        }
        return failingAsTemporal(() -> runner.run(request, pass(request), committed));
    }

    @Override
    public JobCounters refreshItemAvailability(ItemAvailabilityRequest request) {
        return failingAsTemporal(() -> availability.refresh(request.profile(), request.jobId(),
                connectorsOf(request.profile()), () -> Activity.getExecutionContext().heartbeat(null)));
    }

    @Override
    public JobCounters synchronize(SynchronizeRequest request) {
        return failingAsTemporal(() -> {
            SyncChunkRequest job = new SyncChunkRequest(request.profile(), request.mapping(), request.direction(),
                    request.jobId(), true, false, false);
            return runner.runRecords(job, pass(job), request.sourceIds());
        });
    }

    @Override
    public JobCounters couple(CoupleRequest request) {
        return failingAsTemporal(() -> {
            TableMapping mapping = store.mapping(request.profile(), request.mapping());
            Connectors clients = connectorsOf(request.profile());
            RecordSide bc = RecordSide.businessCentral(clients.bc(), mapping.bc());
            RecordSide crm = mapping.crm().isChoice() ? new ChoiceOptions(clients.dataverse(), mapping.crm())
                    : RecordSide.dataverse(clients.dataverse(), mapping.crm(), List.of(), null);
            ObjectNode bcRecord = bc.current(List.of(request.bcId())).get(request.bcId());
            ObjectNode crmRow = crm.current(List.of(request.crmId())).get(request.crmId());
            if (bcRecord == null || crmRow == null) {
                throw new CouplingRefused("There is no " + (bcRecord == null ? bc.describe() + " record "
                        + request.bcId() : crm.describe() + " row " + request.crmId()) + " to couple");
            }
            // The side the pair takes its values from counts as changed; the other as synchronized as it is.
            boolean toCrm = request.direction() == Direction.TO_INTEGRATION_TABLE;
            store.coupleByHand(request.profile(), request.mapping(), request.direction(), new Coupling(request.bcId(),
                    request.crmId(), toCrm ? null : bc.modifiedOn(bcRecord), toCrm ? crm.modifiedOn(crmRow) : null,
                    toCrm ? crm.version(crmRow) : null));
            return synchronize(new SynchronizeRequest(request.profile(), request.mapping(), request.direction(),
                    request.jobId(), List.of(toCrm ? request.bcId() : request.crmId())));
        });
    }

    @Override
    public int uncouple(UncoupleRequest request) {
        return failingAsTemporal(() -> store.uncouple(request.profile(), request.mapping(), request.bcIds()));
    }

    @Override
    public List<RecordFailureView> failures(FailuresRequest request) {
        return failingAsTemporal(() -> {
            List<RecordFailureView> views = new ArrayList<>();
            for (String mapping : mappingsOf(request.profile(), request.mapping())) {
                for (Direction direction : List.of(Direction.TO_INTEGRATION_TABLE, Direction.FROM_INTEGRATION_TABLE)) {
                    for (FailedRecord failure : store.failures(request.profile(), mapping, direction)) {
                        views.add(new RecordFailureView(mapping, direction, failure.sourceKey(), failure.sourceId(),
                                failure.destinationId(), failure.message(), failure.skipped()));
                    }
                }
            }
            return views;
        });
    }

    @Override
    public int retrySkipped(RetrySkippedRequest request) {
        return failingAsTemporal(() -> {
            int retried = 0;
            for (String mapping : mappingsOf(request.profile(), request.mapping())) {
                retried += store.retrySkipped(request.profile(), mapping);
            }
            return retried;
        });
    }

    /** The one mapping named, checked to exist, or all of the profile's when none is. */
    private List<String> mappingsOf(String profile, String mapping) {
        return mapping == null
                ? store.mappings(profile).stream().map(TableMapping::name).toList()
                : List.of(store.mapping(profile, mapping).name());
    }

    private TablePass pass(SyncChunkRequest request) {
        TableMapping mapping = store.mapping(request.profile(), request.mapping());
        Connectors clients = connectorsOf(request.profile());
        if (mapping.crm().isChoice()) {
            return new OptionPass(mapping, clients, store);
        }
        return request.direction() == Direction.TO_INTEGRATION_TABLE
                ? new ToDataversePass(mapping, clients, store)
                : new FromDataversePass(mapping, clients, store, clock);
    }

    Connectors connectorsOf(String profile) {
        return connectors.computeIfAbsent(profile, name -> Connectors.open(profiles.get(name)));
    }

    /**
     * Maps the connectors' failures once, to what Temporal should do with them: credentials and
     * configuration need a person, a throttled call waits the server's delay, the rest is retried.
     */
    static <T> T failingAsTemporal(Supplier<T> work) {
        try {
            return work.get();
        } catch (AuthenticationFailure e) {
            throw compact(e, message -> ApplicationFailure.newNonRetryableFailure(message, AUTHENTICATION_FAILURE));
        } catch (ConfigurationFailure e) {
            throw compact(e, message -> ApplicationFailure.newNonRetryableFailure(message, CONFIGURATION_FAILURE));
        } catch (ThrottledFailure e) {
            throw compact(e, message -> ApplicationFailure.newFailureWithCauseAndDelay(message, "Throttled", null,
                    e.retryAfter()));
        } catch (CouplingRefused e) {
            throw compact(e, message -> ApplicationFailure.newNonRetryableFailure(message, COUPLING_REFUSED));
        } catch (MalformedResponse e) {
            throw compact(e, message -> ApplicationFailure.newNonRetryableFailure(message, MALFORMED_RESPONSE));
        } catch (RequestRejected e) {
            // Outside a record write a refused request means the mapping asks for something the service lacks.
            throw compact(e, message -> ApplicationFailure.newNonRetryableFailure(message, CONFIGURATION_FAILURE));
        } catch (ApplicationFailure | ActivityCompletionException e) {
            throw e; // already mapped by a step within, or Temporal's own: a cancelled or timed-out activity
        } catch (RuntimeException e) {
            // a 5xx, a timeout, the store out of reach, or a bug: retried, under the exception's name
            throw compact(e, message -> ApplicationFailure.newFailure(message, e.getClass().getSimpleName()));
        }
    }

    /**
     * Temporal shows a retried activity's last failure, in the UI and to {@code describe}, only while it stays under
     * 4 KB; a bigger one reads "Failure exceeds size limit.". So {@code thrown} goes up as {@code failure} of its
     * message, cut short (a proxy may quote a whole HTML page), and the first frames of where it was thrown, without
     * the chain of the HTTP client's causes below it.
     */
    private static ApplicationFailure compact(RuntimeException thrown, Function<String, ApplicationFailure> failure) {
        ApplicationFailure sent = failure.apply(FailureReason.shortened(String.valueOf(thrown.getMessage()),
                MESSAGE_CHARS));
        StackTraceElement[] where = thrown.getStackTrace();
        sent.setStackTrace(Arrays.copyOf(where, Math.min(where.length, STACK_FRAMES)));
        return sent;
    }

    @Override
    public void close() {
        runner.close();
        connectors.values().forEach(Connectors::close);
        connectors.clear();
    }
}
