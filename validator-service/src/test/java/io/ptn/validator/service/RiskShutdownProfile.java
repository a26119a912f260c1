package io.ptn.validator.service;

/** Own application for the shutdown test: the shutdown it signals to the risk monitor stays with this application. */
public class RiskShutdownProfile extends CorrectionProfile {
}
