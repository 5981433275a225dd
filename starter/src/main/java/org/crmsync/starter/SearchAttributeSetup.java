package org.crmsync.starter;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Map;
import org.crmsync.workflows.visibility.CrmSyncSearchAttributes;

/**
 * Registers crmsync's search attributes on a namespace, adding only those missing, so it can run before
 * every start. Without them a crmsync workflow's first task fails and the workflow never gets going.
 */
public final class SearchAttributeSetup {

    private SearchAttributeSetup() {
    }

    /**
     * @return what it did, for the terminal
     * @throws IllegalStateException when one exists with another type
     */
    public static String ensure(WorkflowServiceStubs service, String namespace) {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel()).validateAndBuildWithDefaults());
        try {
            Map<String, IndexedValueType> existing = operator.blockingStub().listSearchAttributes(
                    ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build()).getCustomAttributesMap();
            AddSearchAttributesRequest.Builder missing = AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
            for (Map.Entry<String, IndexedValueType> wanted : CrmSyncSearchAttributes.indexedTypes().entrySet()) {
                IndexedValueType found = existing.get(wanted.getKey());
                if (found == null) {
                    missing.putSearchAttributes(wanted.getKey(), wanted.getValue());
                } else if (found != wanted.getValue()) {
                    throw new IllegalStateException("search attribute " + wanted.getKey() + " exists with type " + found
                            + ", crmsync needs " + wanted.getValue() + ": remove it or use another namespace");
                }
            }
            if (missing.getSearchAttributesCount() > 0) {
                operator.blockingStub().addSearchAttributes(missing.build());
            }
            return "Search attributes in namespace " + namespace + ": " + (missing.getSearchAttributesCount() == 0
                    ? "all present" : "added " + String.join(", ", missing.getSearchAttributesMap().keySet()));
        } finally {
            operator.shutdown();
        }
    }
}
