"""Build small HUD HMIS CSV exports (FY2024 format) for tests, as real exports write them:
every FY2024 column in order, CRLF line endings, Export.csv and Organization.csv included."""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

_META = ["DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID"]
COLUMNS: dict[str, list[str]] = {
    "Export.csv": [
        "ExportID", "SourceType", "SourceID", "SourceName", "SourceContactFirst",
        "SourceContactLast", "SourceContactPhone", "SourceContactExtension",
        "SourceContactEmail", "ExportDate", "ExportStartDate", "ExportEndDate", "SoftwareName",
        "SoftwareVersion", "CSVVersion", "ExportPeriodType", "ExportDirective", "HashStatus",
        "ImplementationID"],
    "Organization.csv": [
        "OrganizationID", "OrganizationName", "VictimServiceProvider",
        "OrganizationCommonName", *_META],
    "Project.csv": [
        "ProjectID", "OrganizationID", "ProjectName", "ProjectCommonName", "OperatingStartDate",
        "OperatingEndDate", "ContinuumProject", "ProjectType", "HousingType", "RRHSubType",
        "ResidentialAffiliation", "TargetPopulation", "HOPWAMedAssistedLivingFac", "PITCount",
        *_META],
    "Client.csv": [
        "PersonalID", "FirstName", "MiddleName", "LastName", "NameSuffix", "NameDataQuality",
        "SSN", "SSNDataQuality", "DOB", "DOBDataQuality", "AmIndAKNative", "Asian",
        "BlackAfAmerican", "HispanicLatinaeo", "MidEastNAfrican", "NativeHIPacific", "White",
        "RaceNone", "AdditionalRaceEthnicity", "Woman", "Man", "NonBinary", "CulturallySpecific",
        "Transgender", "Questioning", "DifferentIdentity", "GenderNone", "DifferentIdentityText",
        "VeteranStatus", "YearEnteredService", "YearSeparated", "WorldWarII", "KoreanWar",
        "VietnamWar", "DesertStorm", "AfghanistanOEF", "IraqOIF", "IraqOND", "OtherTheater",
        "MilitaryBranch", "DischargeStatus", *_META],
    "Enrollment.csv": [
        "EnrollmentID", "PersonalID", "ProjectID", "EntryDate", "HouseholdID",
        "RelationshipToHoH", "EnrollmentCoC", "LivingSituation", "RentalSubsidyType",
        "LengthOfStay", "LOSUnderThreshold", "PreviousStreetESSH", "DateToStreetESSH",
        "TimesHomelessPastThreeYears", "MonthsHomelessPastThreeYears", "DisablingCondition",
        "DateOfEngagement", "MoveInDate", "DateOfPATHStatus", "ClientEnrolledInPATH",
        "ReasonNotEnrolled", "PercentAMI", "ReferralSource", "CountOutreachReferralApproaches",
        "DateOfBCPStatus", "EligibleForRHY", "ReasonNoServices", "RunawayYouth",
        "SexualOrientation", "SexualOrientationOther", "FormerWardChildWelfare",
        "ChildWelfareYears", "ChildWelfareMonths", "FormerWardJuvenileJustice",
        "JuvenileJusticeYears", "JuvenileJusticeMonths", "UnemploymentFam",
        "MentalHealthDisorderFam", "PhysicalDisabilityFam", "AlcoholDrugUseDisorderFam",
        "InsufficientIncome", "IncarceratedParent", "VAMCStation", "TargetScreenReqd",
        "TimeToHousingLoss", "AnnualPercentAMI", "LiteralHomelessHistory", "ClientLeaseholder",
        "HOHLeaseholder", "SubsidyAtRisk", "EvictionHistory", "CriminalRecord",
        "IncarceratedAdult", "PrisonDischarge", "SexOffender", "DisabledHoH", "CurrentPregnant",
        "SingleParent", "DependentUnder6", "HH5Plus", "CoCPrioritized", "HPScreeningScore",
        "ThresholdScore", "TranslationNeeded", "PreferredLanguage",
        "PreferredLanguageDifferent", *_META],
    "Exit.csv": [
        "ExitID", "EnrollmentID", "PersonalID", "ExitDate", "Destination",
        "DestinationSubsidyType", "OtherDestination", "HousingAssessment", "SubsidyInformation",
        "ProjectCompletionStatus", "EarlyExitReason", "ExchangeForSex",
        "ExchangeForSexPastThreeMonths", "CountOfExchangeForSex", "AskedOrForcedToExchangeForSex",
        "AskedOrForcedToExchangeForSexPastThreeMonths", "WorkplaceViolenceThreats",
        "WorkplacePromiseDifference", "CoercedToContinueWork", "LaborExploitPastThreeMonths",
        "CounselingReceived", "IndividualCounseling", "FamilyCounseling", "GroupCounseling",
        "SessionCountAtExit", "PostExitCounselingPlan", "SessionsInPlan",
        "DestinationSafeClient", "DestinationSafeWorker", "PosAdultConnections",
        "PosPeerConnections", "PosCommunityConnections", "AftercareDate", "AftercareProvided",
        "EmailSocialMedia", "Telephone", "InPersonIndividual", "InPersonGroup", "CMExitReason",
        *_META],
    "CurrentLivingSituation.csv": [
        "CurrentLivingSitID", "EnrollmentID", "PersonalID", "InformationDate",
        "CurrentLivingSituation", "CLSSubsidyType", "VerifiedBy", "LeaveSituation14Days",
        "SubsequentResidence", "ResourcesToObtain", "LeaseOwn60Day", "MovedTwoOrMore",
        "LocationDetails", *_META],
}
STAMP = "2024-01-02 10:00:00"


class HudExportBuilder:
    """Add records with the few fields a test cares about; every other FY2024 column is empty."""

    def __init__(self, export_id: str = "1", always: tuple[str, ...] = ()):
        self.export_id = export_id
        self.records: dict[str, list[dict[str, str]]] = {name: [] for name in COLUMNS}
        self.always = set(always)  # optional files to write even when empty
        self.records["Export.csv"].append({
            "ExportID": export_id, "SourceType": "3", "SourceName": "Test HMIS",
            "ExportDate": STAMP, "ExportStartDate": "2023-10-01", "ExportEndDate": "2024-09-30",
            "SoftwareName": "Test", "CSVVersion": "2024 v1.0", "ExportPeriodType": "4",
            "ExportDirective": "2", "HashStatus": "1"})
        self._add("Organization.csv", OrganizationID="O1", OrganizationName="Harbor House",
                  VictimServiceProvider="0")

    def _add(self, name: str, **values) -> dict[str, str]:
        record = {"DateCreated": STAMP, "DateUpdated": STAMP, "UserID": "U1",
                  "ExportID": self.export_id}
        record.update({k: "" if v is None else str(v) for k, v in values.items()})
        unknown = set(record) - set(COLUMNS[name])
        assert not unknown, f"not FY2024 columns of {name}: {unknown}"
        self.records[name].append(record)
        return record

    def client(self, personal_id, first, last, ssn="", dob="", veteran=0, **extra):
        values = {"PersonalID": personal_id, "FirstName": first, "LastName": last, "SSN": ssn,
                  "SSNDataQuality": 1 if ssn else 99, "DOB": dob,
                  "DOBDataQuality": 1 if dob else 99, "NameDataQuality": 1,
                  "VeteranStatus": veteran}
        values.update(extra)
        return self._add("Client.csv", **values)

    def project(self, project_id, name, project_type, **extra):
        return self._add("Project.csv", ProjectID=project_id, OrganizationID="O1",
                         ProjectName=name, ContinuumProject=1, ProjectType=project_type,
                         OperatingStartDate="2020-01-01", **extra)

    def enrollment(self, enrollment_id, personal_id, project_id, entry_date, household_id=None,
                   relationship=1, living_situation="", move_in_date="", **extra):
        return self._add("Enrollment.csv", EnrollmentID=enrollment_id, PersonalID=personal_id,
                         ProjectID=project_id, EntryDate=entry_date,
                         HouseholdID=household_id or f"HH-{enrollment_id}",
                         RelationshipToHoH=relationship, EnrollmentCoC="XX-500",
                         LivingSituation=living_situation, MoveInDate=move_in_date, **extra)

    def exit(self, enrollment_id, personal_id, exit_date, destination=99, **extra):
        return self._add("Exit.csv", ExitID=f"X-{enrollment_id}", EnrollmentID=enrollment_id,
                         PersonalID=personal_id, ExitDate=exit_date, Destination=destination,
                         **extra)

    def current_living_situation(self, enrollment_id, personal_id, information_date,
                                 situation=116, **extra):
        n = len(self.records["CurrentLivingSituation.csv"]) + 1
        return self._add("CurrentLivingSituation.csv", CurrentLivingSitID=f"C{n}",
                         EnrollmentID=enrollment_id, PersonalID=personal_id,
                         InformationDate=information_date, CurrentLivingSituation=situation,
                         **extra)

    def files(self) -> dict[str, bytes]:
        """Every file with records (or always asked for), all columns in order, CRLF."""
        out = {}
        for name, columns in COLUMNS.items():
            rows = self.records[name]
            if not rows and name not in self.always and name not in (
                    "Client.csv", "Enrollment.csv", "Project.csv"):
                continue
            buffer = io.StringIO(newline="")
            writer = csv.DictWriter(buffer, columns, lineterminator="\r\n", restval="")
            writer.writeheader()
            writer.writerows(rows)
            out[name] = buffer.getvalue().encode("utf-8")
        return out

    def zip_bytes(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.files().items():
                archive.writestr(name, data)
        return buffer.getvalue()

    def write_folder(self, path) -> Path:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in self.files().items():
            (folder / name).write_bytes(data)
        return folder
