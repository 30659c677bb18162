package io.synergy.model.event;

import io.synergy.model.catalogue.Sector;

/**
 * CloudEvents attributes of the platform's events. The version is part of the type: a change that is not additive
 * gets a new type ({@code …v2}) and a new topic, and both run side by side until consumers have moved.
 */
public final class CloudEventTypes {

    public static final String SPEC_VERSION = "1.0";
    public static final String INDICATOR = "cn.qingdao.synergy.indicator.v1";
    public static final String RESULT = "cn.qingdao.synergy.result.v1";
    public static final String ALERT = "cn.qingdao.synergy.alert.v1";
    public static final String ORG_UNIT = "cn.qingdao.synergy.orgunit.v1";
    public static final String ORG_UNIT_SCHEMA = "/schemas/org-unit-event.v1.json";
    public static final String TARGET = "cn.qingdao.synergy.target.v1";
    public static final String TARGET_SCHEMA = "/schemas/target-event.v1.json";
    public static final String INDICATOR_SCHEMA = "/schemas/indicator-event.v1.json";
    public static final String RESULT_SCHEMA = "/schemas/result.v1.json";
    public static final String PROJECT = "cn.qingdao.synergy.project.v1";
    public static final String PROJECT_SCHEMA = "/schemas/project-event.v1.json";
    public static final String PILOT = "cn.qingdao.synergy.pilot.v1";
    public static final String PILOT_SCHEMA = "/schemas/pilot-event.v1.json";
    public static final String APPROVAL = "cn.qingdao.synergy.approval.v1";
    public static final String APPROVAL_SCHEMA = "/schemas/approval-event.v1.json";
    public static final String REMINDER = "cn.qingdao.synergy.reminder.v1";
    public static final String REMINDER_SCHEMA = "/schemas/reminder-event.v1.json";

    private CloudEventTypes() {}

    /** The source of events a sector service emits: {@code /synergy/sectors/energy}. */
    public static String sectorSource(Sector sector) {
        return "/synergy/sectors/" + sector.code();
    }

    public static final String AGGREGATION_SOURCE = "/synergy/aggregation";

    /**
     * The source of the registry's events ({@code org-units.v1}, {@code projects.v1}, {@code pilots.v1}, {@code targets.v1}, {@code reminders.v1}): the
     * registry service, the owner of the master data.
     */
    public static final String REGISTRY_SOURCE = "/synergy/registry";
}
