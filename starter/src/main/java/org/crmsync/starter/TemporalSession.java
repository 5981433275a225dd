package org.crmsync.starter;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.crmsync.workflows.codec.AesGcmCodec;

/** A command's connection to Temporal: the workflow and schedule clients over one channel. */
public final class TemporalSession implements AutoCloseable {

    private final String address;
    private final WorkflowServiceStubs service;
    private final WorkflowClient client;
    private final ScheduleClient schedules;

    private TemporalSession(String address, WorkflowServiceStubs service) {
        this.address = address;
        this.service = service;
        WorkflowClientOptions.Builder clientOptions = WorkflowClientOptions.newBuilder();
        ScheduleClientOptions.Builder scheduleOptions = ScheduleClientOptions.newBuilder();
        // the same key as the workers', or they could not read what the commands send and the other way round
        AesGcmCodec.fromEnvironment().map(AesGcmCodec::dataConverter).ifPresent(converter -> {
            clientOptions.setDataConverter(converter);
            scheduleOptions.setDataConverter(converter);
        });
        this.client = WorkflowClient.newInstance(service, clientOptions.build());
        this.schedules = ScheduleClient.newInstance(service, scheduleOptions.build());
    }

    static TemporalSession open(String address) {
        return new TemporalSession(address, WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(address).build()));
    }

    public String address() {
        return address;
    }

    public WorkflowServiceStubs service() {
        return service;
    }

    public WorkflowClient client() {
        return client;
    }

    public ScheduleClient schedules() {
        return schedules;
    }

    @Override
    public void close() {
        service.shutdown();
    }
}
