package org.crmsync.workflows.setup;

/** A setup step as a user sees it; {@code message} says what it found, or what to fix. */
public record StepView(SetupStep step, StepStatus status, String message) {
}
