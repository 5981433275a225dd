package org.crmsync.workflows.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    private static MappingPlan mapping(String name, String... parents) {
        return new MappingPlan(name, Direction.TO_INTEGRATION_TABLE, List.of(parents),
                Recommendation.FULL_SYNCHRONIZATION, 1);
    }

    @Test
    void parentsMissingFromThePlanAreIgnoredAsInBusinessCentral() {
        DependencyGraph graph = new DependencyGraph(List.of(mapping("CURRENCY"),
                mapping("CUSTOMER", "SALESPEOPLE", "CURRENCY", "PAYMENT TERMS")));
        assertEquals(List.of("CURRENCY"), graph.parentsOf("CUSTOMER"));
    }

    @Test
    void dependentsAreFoundThroughEveryLevel() {
        DependencyGraph graph = new DependencyGraph(List.of(mapping("SALESPEOPLE"), mapping("CUSTOMER", "SALESPEOPLE"),
                mapping("CONTACT", "CUSTOMER"), mapping("OPPORTUNITY", "CONTACT"), mapping("CURRENCY")));
        assertEquals(List.of("CUSTOMER", "CONTACT", "OPPORTUNITY"), graph.dependentsOf("SALESPEOPLE"));
        assertEquals(List.of(), graph.dependentsOf("CURRENCY"));
    }

    @Test
    void topologicalOrderPutsEveryMappingAfterItsParents() {
        DependencyGraph graph = new DependencyGraph(List.of(mapping("CONTACT", "CUSTOMER"), mapping("CUSTOMER", "CURRENCY"),
                mapping("CURRENCY")));
        List<String> order = graph.topologicalOrder();
        assertTrue(order.indexOf("CURRENCY") < order.indexOf("CUSTOMER"));
        assertTrue(order.indexOf("CUSTOMER") < order.indexOf("CONTACT"));
    }

    @Test
    void aCycleIsRefusedWithTheMappingsThatFormIt() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new DependencyGraph(
                List.of(mapping("A", "C"), mapping("B", "A"), mapping("C", "B"))));
        assertTrue(error.getMessage().contains("A → C → B → A"), error.getMessage());
    }
}
