"""HUD HMIS CSV (FY2024) code lists the export reader needs: file names, project types,
living situations, race and ethnicity."""

# HUD's spelling of every FY2024 file name (zips and some tools lower-case them).
FILE_NAMES = ("Export.csv", "Organization.csv", "User.csv", "Project.csv", "Funder.csv",
              "ProjectCoC.csv", "Inventory.csv", "Affiliation.csv", "HMISParticipation.csv",
              "CEParticipation.csv", "Client.csv", "Enrollment.csv", "Exit.csv",
              "IncomeBenefits.csv", "HealthAndDV.csv", "EmploymentEducation.csv",
              "Disabilities.csv", "Services.csv", "CurrentLivingSituation.csv", "Assessment.csv",
              "AssessmentQuestions.csv", "AssessmentResults.csv", "Event.csv",
              "YouthEducationStatus.csv")

# FY2024 ProjectType codes (HMIS Data Standards 2.02.6) the list covers, and the housing status
# an open enrollment there implies when no move-in date says "housed".
PROJECT_STATUS = {"0": "emergency_shelter", "1": "emergency_shelter", "8": "emergency_shelter",
                  "2": "transitional", "4": "unsheltered", "11": "unsheltered", "14": ""}
# FY2024 prior living situation codes (3.917) for coordinated entry, where the project says nothing.
LIVING_STATUS = {"116": "unsheltered", "101": "emergency_shelter", "118": "emergency_shelter",
                 "302": "transitional", "204": "institution", "205": "institution",
                 "206": "institution", "207": "institution", "215": "institution",
                 "225": "institution"}

# FY2024 race and ethnicity (3.04): one yes/no column per category, RaceNone for 8, 9 or 99.
RACE_COLUMNS = {"AmIndAKNative": "am_ind_ak_native", "Asian": "asian",
                "BlackAfAmerican": "black", "HispanicLatinaeo": "hispanic_latinaeo",
                "MidEastNAfrican": "mid_east_n_african", "NativeHIPacific": "native_hi_pacific",
                "White": "white"}
RACE_NONE = {"8": "doesnt_know", "9": "prefers_not", "99": "not_collected"}
UNKNOWN_CODES = {"8", "9", "99"}
