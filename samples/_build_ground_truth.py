#!/usr/bin/env python3
"""Build the synthetic sample notes and their gold-standard PHI annotations.

Every note below is written by hand for RedactPHI and is entirely invented: the people,
places, dates and numbers do not belong to anyone. (Checksummed identifiers such as NPI,
DEA and VIN numbers were given valid check digits so that checksum-validating
recognizers get a fair test; the numbers themselves are made up.)

Markup used in the note sources:

    {{CODE:value}}   a PHI span; CODE is a short type code (see CODES below). The
                     braces and code are removed and the value's offsets recorded.
    [[value]]        a hard negative: text that looks like PHI but is not (eponyms,
                     doses, vitals, scores, codes, years alone, ages under 90, ...).
                     The brackets are removed and the offsets are written to
                     hard_negatives.jsonl (not part of the gold PHI spans).

Running the script writes every note to samples/<id>, samples/ground_truth.jsonl and
samples/hard_negatives.jsonl. It is idempotent: running it twice produces identical
files. ``--check`` writes nothing and exits 1 if any file on disk differs from what
would be generated.

Consistency checks run on every build (the build fails if one is violated):
  * every occurrence (plain, case-sensitive substring) of a PHI value of 3+ characters
    in its note lies inside a PHI span, so "the value no longer occurs in the redacted
    output" is a fair test for a redactor;
  * hard negatives never overlap PHI spans;
  * for PHI values shorter than 3 characters, the value plus its surrounding non-PHI
    context (see short_span_needle) occurs exactly once in the note;
  * ICU nursing notes are entirely upper case;
  * no markup is left over in the text.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CODES = {
    "N": "NAME",
    "G": "GEOGRAPHIC_LOCATION",
    "D": "DATE",
    "A": "AGE",
    "MRN": "MEDICAL_RECORD_NUMBER",
    "HP": "HEALTH_PLAN_BENEFICIARY_NUMBER",
    "PH": "PHONE_NUMBER",
    "FX": "FAX_NUMBER",
    "SSN": "SOCIAL_SECURITY_NUMBER",
    "EM": "EMAIL_ADDRESS",
    "URL": "URL",
    "AC": "ACCOUNT_NUMBER",
    "LIC": "CERTIFICATE_LICENSE_NUMBER",
    "IP": "IP_ADDRESS",
    "VEH": "VEHICLE_IDENTIFIER",
    "DEV": "DEVICE_IDENTIFIER",
    "UID": "UNIQUE_IDENTIFIER",
}

MARKUP = re.compile(r"\{\{([A-Z]+):(.+?)\}\}|\[\[(.+?)\]\]", re.S)

# Short (< 3 character) values cannot be checked by substring search in a redacted
# output; they are checked by searching for value + surrounding context instead.
SHORT = 3
CONTEXT = 16

NOTES: dict[str, str] = {}

# --------------------------------------------------------------------------- discharge
NOTES["discharge/discharge_01.txt"] = """
{{G:SAINT BRIGID REGIONAL MEDICAL CENTER}}
{{G:2200 Quarry Hill Road}}, {{G:Marlow Falls}}, {{G:VT}} {{G:05733}}
Tel {{PH:(802) 555-0140}}   Fax {{FX:(802) 555-0141}}

DISCHARGE SUMMARY

Patient: {{N:OKAFOR, MARIA}}                MRN: {{MRN:40718263}}
DOB: {{D:07/22/1951}}                       Account #: {{AC:7730019942}}
SS# {{SSN:523198847}}
Admission: {{D:03/14/2023}}                 Discharge: {{D:3/21/23}}
Attending: {{N:Rafael Alvarez}}, MD         PCP: {{N:Kim Nguyen}} NP
Insurance: Lakeshore Mutual Health, Member ID {{HP:LMH-884213907}}

PRINCIPAL DIAGNOSIS: Sepsis secondary to E. coli pyelonephritis (A41.51, N10)
SECONDARY DIAGNOSES:
- [[Parkinson's disease]] (G20), diagnosed in [[2019]]
- Type 2 diabetes mellitus without complications ([[E11.9]])
- Essential hypertension (I10)
- Acute metabolic encephalopathy, resolved
- Acute kidney injury, resolved
ALLERGIES: Sulfa (hives)

HISTORY OF PRESENT ILLNESS:
{{N:Maria T. Okafor}} is a [[71-year-old]] woman who lives alone at
{{G:48 Tamarack Street, Apt 2C}}, {{G:Marlow Falls}}. She came to the [[ED]] on the
evening of {{D:March 14th}} with two days of fever, dysuria and new confusion. Her
daughter, {{N:Grace Okafor-Bell}}, reported that Mrs. {{N:Okafor}} had fallen twice since
the {{D:2nd of March}} and had been skipping doses of [[carbidopa/levodopa 25/100]].
In the [[ED]] she was febrile to 38.9 C, [[BP 94/56]], HR 112, RR 22, SpO2 95% on [[RA]].
[[Glasgow Coma Scale]] 14 (E4 V4 M6). UA with large leukocyte esterase and positive
nitrite; lactate 2.8 mmol/L; WBC 16.4; creatinine 1.6 (baseline 0.9).

HOSPITAL COURSE:
1. Sepsis / pyelonephritis. Blood cultures drawn {{D:03/14/2023}} 14:32 grew
pan-sensitive E. coli. Treated with ceftriaxone 1 g IV daily, narrowed on
{{D:Mar 17, 2023}} to cephalexin 500 mg PO [[3-4 times daily]]. Lactate normalized by
{{D:3/16}}. A [[Foley catheter]] placed in the [[ED]] was removed on hospital day 3.
2. Encephalopathy. Neurology (Dr. {{N:Priya D'Angelo}}) saw her on {{D:Tuesday, March 14}};
exam showed bradykinesia and cogwheel rigidity without focal deficit, [[Babinski]]
absent bilaterally. Mentation back to baseline by hospital day 4.
3. [[Parkinson's disease]]. Home regimen resumed. [[PT/OT]] evaluated: [[3/5 strength]]
in hip flexors; she needs a rolling walker and 24-hour supervision for one week.
4. Diabetes. A1c 7.4%. Metformin held for AKI and resumed once creatinine was 1.0.
Sliding-scale insulin while inpatient.
5. AKI. Prerenal; resolved with IV fluids.
6. Cardiac. Echo {{D:2023-03-15}}: [[EF 55%]], no vegetations, mild MR.

PROCEDURES: None.
PENDING RESULTS: None.

DISCHARGE MEDICATIONS:
- Cephalexin 500 mg PO four times daily through {{D:3/24}}
- [[Carbidopa/levodopa 25/100]] 1 tab PO TID
- Metformin 500 mg PO BID
- Metoprolol tartrate 25 mg, [[1/2 tab]] PO BID
- Acetaminophen 650 mg PO q6h PRN pain
Prescriptions sent to {{G:Hollis Street Pharmacy}}, {{PH:802-555-0163}}.

DISPOSITION: Home with daughter. Home health nursing and PT through
{{G:Ridgeline Home Health}} of {{G:Windham County}}.
Daughter's contact: {{N:Grace Okafor-Bell}}, {{PH:802-555-0178}} (cell),
{{EM:gokaforbell@lanternmail.com}}

FOLLOW-UP:
- {{N:Kim Nguyen}} NP, {{G:Harbor Street Family Practice}}, within 7 days ({{D:March 28}})
- Neurology clinic, Dr. {{N:D'Angelo}}, {{D:14-Apr-2023}} at 10:30
- Repeat BMP in 1 week

CONDITION AT DISCHARGE: Stable. Alert and oriented x3. Ambulates 150 ft with walker.
Code status: Full code. Health care proxy: {{N:Grace Okafor-Bell}} (daughter).
Plan discussed with Dr. {{N:Alvarez}}, the patient and her daughter at bedside.

Electronically signed by {{N:Rafael Alvarez}}, MD on {{D:03/21/2023}} 16:05
cc: {{N:Kim Nguyen}} NP, fax {{FX:802-555-0190}}
"""

NOTES["discharge/discharge_02.txt"] = """
DISCHARGE SUMMARY - {{G:Lindenwood Gardens Skilled Nursing}}
{{G:915 Orchard Way, Suite 100}}, {{G:Cobble Hill}}, {{G:Ohio}} {{G:44907-2213}}

Resident: {{N:HALE, GORDON R.}}     Med Rec No. {{MRN:445-221}}     Room 14B
SSN: {{SSN:219-44-7083}}     Medicare ID: {{HP:5TN2-GW8-KR41}}
Age: {{A:94}}     DOB: {{D:02/09/1929}}
Admitted: {{D:2023-01-04}}     Discharged: {{D:2023-02-16}}

Mr. {{N:Gordon Hale}} is a {{A:94}}-year-old retired machinist with moderate [[Alzheimer]]
dementia who was admitted for short-term rehabilitation after a left hip
hemiarthroplasty at {{G:Mercy Valley Hospital}} on {{D:12/30/2022}}.

REHAB COURSE: Mr. {{N:Hale}}'s progress with [[PT/OT]] was steady. He advanced from
maximal assist to contact-guard assist with a front-wheeled walker, weight bearing
as tolerated. Staples removed {{D:1/13/23}}; incision healed. No falls. Appetite fair,
weight stable at 68 kg. Mild sundowning managed with redirection; no antipsychotics.

MEDICATIONS AT DISCHARGE:
- Donepezil 10 mg PO nightly
- Apixaban 2.5 mg PO BID through {{D:02/10/2023}}, then stop (post-op prophylaxis completed)
- Vitamin D3 1000 units PO daily
- Senna 8.6 mg, 2 tabs PO nightly PRN constipation

DISPOSITION: Home with his son, {{N:Will Hale}}, at {{G:3318 Juniper Court}},
{{G:Cobble Hill}}, {{G:OH}} {{G:44906}}. Son's phone {{PH:(419) 555-0122}}, work
{{PH:(419) 555-0199 x214}}. Home PT referral faxed to {{G:Buckeye Home Therapies}}
at {{FX:(419) 555-0170}}. Follow up with orthopedics at {{G:Mercy Valley}} in 4 weeks.

Resident and son received teaching on fall precautions and hip precautions.

{{N:Leonard Brown}}, DO, Medical Director
{{N:J. Patel}}, RN, Discharge Nurse
"""

NOTES["discharge/discharge_03.txt"] = """
NEWBORN DISCHARGE SUMMARY
{{G:Kestrel Bay Women's Hospital}} - Mother-Baby Unit

Infant: Baby Girl {{N:Brown}} ("{{N:Rose}}")          MRN: {{MRN:52900417}}
Mother: {{N:Hope Brown}}, MRN {{MRN:52899731}}     Father: {{N:Marcus Bush}}
Born: {{D:01/05/2024}} at 03:17          Discharged: {{D:1/7/2024}}

Term female, 39w2d by early ultrasound, spontaneous vaginal delivery. [[Apgar]] scores
8 and 9 at 1 and 5 minutes. Birth weight 3,310 g, length 50 cm, HC 34 cm.
Course uncomplicated. Bilirubin at 36 hours 7.9 mg/dL (low-intermediate risk).
Passed hearing screen bilaterally. CCHD screen passed (99% right hand, 98% foot).
Hepatitis B vaccine given {{D:Jan 5, 2024}}. Vitamin K given. Erythromycin eye ointment given.
Newborn screen sent {{D:1/6}}; card number {{UID:NBS-24-0061177}}.
Feeding: breastfeeding every 2-3 hours with good latch. Mother expresses hope to
continue exclusive breastfeeding; lactation consult completed.
Home: {{G:77 Fernbrook Road}}, {{G:Port Alder}}, {{G:WA}} {{G:98368}}.
Follow-up: {{N:Lee}} MD, {{G:Cedar Row Pediatrics}}, {{PH:(360) 555-0131}},
on {{D:01/09/2024}} at 9:15 AM for weight and bilirubin check.

{{N:Annika Sorensen-Vail}}, MD (Newborn Hospitalist)
"""

# ---------------------------------------------------------------------------- progress
NOTES["progress/progress_01.txt"] = """
{{G:Harbor Street Family Practice}} - Progress Note
Date of service: {{D:April 3, 2023}}
Patient: {{N:Desmond O'Neill}}     DOB {{D:11/30/1958}}     MR# {{MRN:0045123}}
Provider: {{N:Kim Nguyen}} NP

S: Mr. {{N:O'Neill}} is a [[64-year-old]] man seen for follow-up of [[Crohn's disease]] and
hypertension. Since his last visit on {{D:14 March}} he reports four loose stools a day,
crampy right lower quadrant pain after meals and 2 kg weight loss. No blood in the stool.
Taking budesonide 9 mg daily as prescribed. His wife, {{N:Siobhan O'Neill}}, called on
{{D:3/28}} worried about his poor appetite. No fevers. No joint pain.
O: [[BP 120/80]], HR 76, T 36.8 C, Wt 71.4 kg. Abdomen soft, mild RLQ tenderness, no
rebound or mass. No perianal fistula on inspection.
Labs {{D:3/29/23}}: Hgb 12.1, CRP 18 mg/L, albumin 3.6, fecal calprotectin 410 ug/g.
A/P:
1. [[Crohn's]] ileocolitis, moderately active despite budesonide. Referred to Dr.
{{N:Farah Haddad}}, {{G:Tidewater Digestive Health}}, {{G:1900 Pelham Avenue, Suite 310}},
{{G:Bridgeport Landing}}, {{G:CT}} {{G:06605}}, to discuss biologic therapy. Referral faxed
to {{FX:203-555-0118}}.
2. Hypertension, at goal. Continue lisinopril 10 mg daily.
3. Health maintenance: influenza vaccine given today.
CPT [[99214]]; ICD-10 [[K50.80]], [[I10]]. Return in 6 weeks.

{{N:Kim Nguyen}}, NP
"""

NOTES["progress/progress_02.txt"] = """
{{D:5/2/23}} 0915  PEG site check, pt {{N:T. Ashby-Kerr}} (MRN {{MRN:88104522}}).
Site c/d/i, no erythema or leakage. Bumper rotates freely. Flushed 30 mL without difficulty.
Tube feeds (Jevity) at [[3/4 strength]] 50 mL/h, tolerating well.
F/u with Dr. {{N:Brennan}} in 2 wks; pt agrees with plan.
-- {{N:R. Bush}}, LPN ({{N:RB}})
"""

NOTES["progress/progress_03.txt"] = """
HOSPITAL MEDICINE DAILY PROGRESS NOTE
{{G:Pinecrest University Hospital}}, 6 West
Patient: {{N:José Núñez-Ortega}}          Unit No {{MRN:7781234}}
Date: {{D:Thursday, March 16, 2023}}          Hospital day 3
Attending: {{N:Ezra Whitfield}}, MD      Resident: {{N:Lena Park}}, MD (PGY-2)

SUBJECTIVE:
Mr. {{N:Núñez-Ortega}} says his breathing is much better; he slept flat last night with
two pillows for the first time in a week. Diuresed 2.4 L yesterday. Mild cramping
in both calves overnight. No chest pain, no palpitations, no ICD shocks. His wife
{{N:Carmen}} is at the bedside and asks whether he can go home this weekend.

OBJECTIVE:
Vitals: T 36.6 C, [[BP 108/66]], HR 72 (paced), RR 16, SpO2 96% on [[RA]].
I/O: 1.2 L in / 3.6 L out. Weight 84.1 kg (admission 87.9 kg, dry weight about 82 kg).
Gen: sitting up in chair, conversant, no distress.
Neck: JVP 9 cm at 45 degrees (was 14 cm on admission).
CV: regular, S1 S2, soft holosystolic murmur at apex, no S3.
Lungs: faint crackles at right base only.
Abd: soft, nontender.
Ext: 1+ pitting edema to mid-shin (was 3+ to knees).
Neuro: alert, oriented, strength [[5/5]] throughout.

LABS:
Na 134 (136), K 3.6 (4.1), Cl 96, CO2 31, BUN 38 (31), Cr 1.31 (1.18), Mg 1.7
BNP 1,240 (admission 2,910)
CBC: WBC 6.8, Hgb 13.0, Plt 201

MICRO: none.
IMAGING: CXR yesterday - improving interstitial edema, small right effusion.
DEVICE: dual-chamber ICD, serial no. {{DEV:PJX204118H}}; interrogated by EP - no
arrhythmia events, battery 6.5 years.

ASSESSMENT AND PLAN:
[[67-year-old]] man with ischemic cardiomyopathy ([[EF 25%]]), dual-chamber ICD, CKD 3a
and type 2 diabetes admitted with acute on chronic systolic heart failure after
dietary indiscretion.

1. Acute on chronic HFrEF - improving, still about 2 kg above dry weight.
   - Furosemide 80 mg IV BID today, reassess tomorrow for switch to oral torsemide.
   - Strict I/O, daily standing weights, 2 g sodium diet, 1.5 L fluid restriction.
   - Continue metoprolol succinate 50 mg daily, spironolactone 12.5 mg daily.
   - Hold sacubitril/valsartan while creatinine trending up; restart when stable.
2. Hypokalemia / hypomagnesemia - KCl 40 mEq PO x2, Mg sulfate 2 g IV.
3. AKI on CKD 3a - mild rise with diuresis; recheck BMP in the morning.
4. Type 2 diabetes ([[E11.22]]) - glargine 18 units nightly, lispro sliding scale.
   Glucose 140-190.
5. Muscle cramps - likely electrolyte related; repleting.
6. CAD s/p CABG in [[2016]] - continue aspirin 81 mg, atorvastatin 80 mg.
7. VTE prophylaxis - heparin 5000 units SC q8h.
8. [[PT/OT]] - ambulated 200 ft, no needs at home anticipated.

DISPOSITION: Likely discharge {{D:3/18}} if weight and creatinine allow. Follow-up
with heart failure clinic (Dr. {{N:Whitfield}}) within 7 days. Wife {{N:Carmen Núñez}}
can be reached at {{PH:(617) 555-0183}}; home address on file at
{{G:2145 Alder Terrace, Unit 5}}, {{G:Riverbend}}, {{G:MA}} {{G:02476}}.

Discussed with attending.
{{N:Lena Park}}, MD, PGY-2
Attending attestation: I saw and examined the patient with Dr. {{N:Park}} and agree
with the findings and plan above. {{N:E. Whitfield}}, MD {{D:03/16/2023}} 17:40
"""

NOTES["progress/progress_04.txt"] = """
Behavioral Health Follow-up - {{G:Quarry Hill Counseling Center}}
{{D:Wed 10/11/2023}}   Client: {{N:Sunniva D. Lindqvist}}   MRN: {{MRN:31150874}}

Ms. {{N:Lindqvist}} reports mood "about a 6 out of 10", improved from 3-4 last month.
Sleeping 6-7 hours. PHQ-9 today 9 (was 16 on {{D:Aug 30}}). GAD-7 7. Denies SI/HI.
Sertraline increased to 100 mg daily on {{D:September 13}}; mild nausea resolved.
She started a new job at a bakery and is walking with her sister {{N:Ingrid}} three times a week.
Plan: continue sertraline 100 mg; CBT weekly with {{N:Malik Odum}}, LICSW; return in 4 weeks.
{{N:Theresa Kowal}}, PMHNP-BC
"""

# --------------------------------------------------------------------------------- icu
NOTES["icu/icu_nursing_01.txt"] = """
MICU NURSING FLOWSHEET NOTE {{D:03/18/2023}} 0700-1900
PT {{N:DELACROIX, JEAN-PAUL}}  MRN {{MRN:61220984}}  BED 7
{{A:92}} Y/O M ADM {{D:3/16}} FROM {{G:BRIARWOOD MANOR NURSING HOME}} W UROSEPSIS SHOCK
CODE STATUS DNR/DNI PER HCP DTR {{N:ROSE DELACROIX}}
ALLERGIES PCN (RASH)

NEURO
A&OX1 ORIENTED TO SELF ONLY
[[GCS]] 11 E3V3M5 PERRL 3MM BRISK
[[BABINSKI]] NEG BILAT
MAE WEAK [[3/5 STRENGTH]] BUE 2/5 BLE
NO SEDATION CAM-ICU POS AM NEG PM
HX [[PARKINSON'S]] SINEMET VIA NGT

CV
NSR 80S-90S NO ECTOPY
[[BP 102/58]] MAP 70S ON NOREPI 0.04 MCG/KG/MIN
NOREPI WEANED OFF 1400 MAP 65-72 OFF PRESSORS
R IJ TLC PLACED {{D:3/16}} DAY 3 DSG C/D/I
PIV L FA 20G SL
PERIPH PULSES 2+ CAP REFILL LT 3 SEC
TRACE EDEMA BLE

RESP
2L NC SATS 94-97
LS CLEAR UPPER DIM BASES
IS 750ML X10 Q1H WHILE AWAKE WITH COACHING
NO COUGH NO SPUTUM

GI
NPO EXCEPT MEDS ABD SOFT NT/ND BS+ X4
NGT R NARE 60CM PLACEMENT CONFIRMED CXR
LAST BM {{D:3/17}} SMALL SOFT
BG 140-180 SSI COVERAGE X2

GU
[[FOLEY]] 16FR DRAINING CLEAR YELLOW
UOP 40-60ML/HR
CREAT 1.9 FROM 2.6

SKIN
STAGE 2 SACRUM 2X1.5CM FOAM DSG INTACT
BRADEN 12 TURNED Q2H HEELS FLOATED

ID
TMAX 38.4 AT 0400 NOW 37.6
VANCO [[15 MG/KG]] Q24H AND CEFEPIME 2G Q12H
BCX {{D:3/16}} GPC IN CLUSTERS X1 OF 2 F/U SPECIATION
UCX PENDING

LABS
K 3.4 REPLETED 40MEQ IV
MG 1.8
HGB 9.1 STABLE
LACTATE 1.6 FROM 4.2

SOCIAL
DTR {{N:ROSE DELACROIX}} AT BEDSIDE 1000-1300 UPDATED BY DR {{N:OSEI}}
DTR CELL {{PH:413 555 0117}}
SON {{N:LUC DELACROIX}} DRIVING IN FROM {{G:GREENFIELD CROSSING}} TONIGHT
FAMILY AWARE OF PLAN OF CARE AND GOALS OF CARE MTG TMRW 1100

PLAN
CONT ABX F/U CX
WEAN O2 TO KEEP SAT GT 92
CONSIDER TRANSFER TO STEP DOWN IF OFF PRESSORS 24H
ASPIRATION PRECAUTIONS HOB 30
FALL PRECAUTIONS BED ALARM ON

{{N:K. OYELARAN}} RN {{N:KLO}}
"""

NOTES["icu/icu_nursing_02.txt"] = """
CVICU NSG NOTE {{D:11/02/2023}} 1900-0700
PT {{N:KOWALCZYK, STANLEY J}}  HOSP # {{MRN:556677}}  POD 1 CABG X3
NEURO A&OX3 MAE PAIN 4/10 STERNAL ON APAP SCHED
CV SR 70S [[BP 118/64]] CT 30-50ML/HR SEROSANG EPICARDIAL WIRES CAPPED
RESP EXTUBATED 2130 4L NC SATS 95 IS 1000
GI CLEARS TOL
GU [[FOLEY]] UOP ADEQ
ENDO INSULIN GTT PER PROTOCOL 2-4 UNITS/HR BG 120-160
HOME INSULIN PUMP SN {{DEV:NG7-22K40981}} REMOVED AND SENT HOME W WIFE {{N:DOROTHY}}
WIFE CALLED 0200 UPDATED {{PH:5085550126}}
PLAN OOB TO CHAIR AM D/C CT IF LT 100ML/8H
{{N:M. SANTOS-REYES}} RN
"""

NOTES["icu/icu_nursing_03.txt"] = """
NEURO ICU NSG NOTE {{D:2023-07-09}} 0300
PT {{N:O'SHAUGHNESSY, BRIDGET}} AGE {{A:95}} MR# {{MRN:2209514}}
ADM FOR SDH AFTER FALL AT {{G:SPRINGVALE ASSISTED LIVING}}
[[GLASGOW COMA SCALE]] 13 E3V4M6 PUPILS 3 EQUAL BRISK
[[BABINSKI]] EQUIVOCAL R
SBP GOAL LT 160 ON NICARDIPINE 2.5MG/HR
HX [[ALZHEIMER]] DEMENTIA BASELINE CONFUSED PER NIECE {{N:COLLEEN BYRNE}}
NIECE WANTS CALL IF ANY CHANGE {{PH:(774) 555-0164}}
NEURO CHECKS Q1H NO CHANGE
{{N:T. NAKAMURA}} RN
"""

NOTES["icu/icu_nursing_04.txt"] = """
SICU NOTE {{D:12/24/2023}} 0400
PT {{N:BAPTISTE, REGINALD}} MRN {{MRN:71003428}} POD 2 EX LAP
AFEB HR 90S [[BP 130/70]] [[RA]] SATS 97 NGT TO LIWS 200ML BILIOUS
PAIN CTRL PCA [[HYDROMORPHONE 0.2MG]] DEMAND
NO ACUTE EVENTS [[WILL]] CONT TO MONITOR {{N:AFB}} RN
"""

# --------------------------------------------------------------------------- radiology
NOTES["radiology/radiology_01.txt"] = """
{{G:SAINT BRIGID REGIONAL MEDICAL CENTER}} - DEPARTMENT OF RADIOLOGY

EXAM: CT HEAD WITHOUT CONTRAST (CPT [[70450]])
PATIENT: {{N:Reyes, Tomas A.}}          MRN: {{MRN:40991357}}
ACCESSION: {{UID:CT23-0318842}}         EXAM DATE: {{D:14-Mar-2023}} 22:47
ORDERING: {{N:Alvarez, Rafael}} MD (Emergency Department)

CLINICAL HISTORY: [[84-year-old]] man, fall from standing, on apixaban. Headache.
COMPARISON: MRI brain {{D:2021-09-02}}.

TECHNIQUE: Axial images from skull base to vertex without IV contrast. Sagittal and
coronal reformats. CTDIvol 52 mGy.

FINDINGS:
Thin right frontoparietal subdural hematoma, maximal thickness 6 mm, with 2 mm of
leftward midline shift. No intraparenchymal hemorrhage. No hydrocephalus.
Moderate chronic small vessel ischemic change. Old left cerebellar lacunar infarct,
unchanged. No skull fracture. Right frontal scalp hematoma.
Paranasal sinuses and mastoid air cells clear.

IMPRESSION:
1. Acute right frontoparietal subdural hematoma, 6 mm, with 2 mm midline shift.
2. No calvarial fracture.

Critical result communicated to Dr. {{N:Alvarez}} by telephone at 23:05 on {{D:3/14/2023}};
read-back confirmed.

Dictated by: {{N:Helena Voss}}, MD          Signed: {{D:03/14/2023}} 23:11
Images: {{URL:https://pacs.saintbrigid-rmc.org/viewer?acc=CT23-0318842}}
Read at workstation {{IP:10.14.22.190}}
"""

NOTES["radiology/radiology_02.txt"] = """
PORTABLE CHEST, 1 VIEW   {{D:3/18/23}} 05:12
Pt: {{N:DELACROIX, JEAN-PAUL}}   MRN {{MRN:61220984}}   MICU bed 7
Indication: {{A:92}} y/o M with urosepsis. R IJ line position, hypoxia.
Findings: Right IJ central venous catheter tip at the cavoatrial junction. Enteric tube
below the diaphragm, tip in the stomach. Small bilateral effusions with bibasilar
atelectasis. No pneumothorax. Heart size upper normal.
Impression: Lines and tubes appropriately positioned. Mild volume overload.
{{N:K. Adeyemi}}, MD     CPT [[71045]]
"""

NOTES["radiology/radiology_03.txt"] = """
{{G:Crescent Imaging Associates}}
{{G:410 Meridian Boulevard, Suite 2}}, {{G:Ashgrove}}, {{G:NC}} {{G:27514-3320}}

MRI LUMBAR SPINE WITHOUT CONTRAST
Patient: {{N:Abernathy-Stokes, Lorraine M.}}     DOB: {{D:04/17/1939}}
Patient ID: {{MRN:CIA-0093318}}     Study date: {{D:May 9, 2023}}
Referring: {{N:Jonah Whitlock}}, DO

SAFETY: Patient has an MR-conditional pacemaker, serial {{DEV:PJN418772S}}, programmed to
MRI mode by the device clinic before the scan and restored afterwards. No events.

HISTORY: Low back pain radiating to the left leg for 3 months. Left foot drop.
COMPARISON: Outside lumbar radiographs, {{D:March 2023}}.

FINDINGS: Five lumbar-type vertebrae. Grade 1 degenerative anterolisthesis of L4 on L5.
L4-5: severe central canal stenosis from disc bulge, facet and ligamentum flavum
hypertrophy; left lateral recess narrowing compresses the traversing left L5 root.
L5-S1: moderate left foraminal stenosis. Conus ends at L1, normal signal.

IMPRESSION: Severe L4-5 central canal stenosis with left L5 root compression,
concordant with left foot drop. Spine surgery referral suggested.

{{N:Ravi Chandrasekhar}}, MD    Transcribed {{D:05/09/2023}} 16:20
"""

# ----------------------------------------------------------------------------- letters
NOTES["letters/referral_01.txt"] = """
{{G:TIDEWATER CARDIOLOGY ASSOCIATES}}
{{G:1 Beacon Commons, Suite 4B}}
{{G:Newcastle Harbor}}, {{G:Maine}} {{G:04553-1207}}
Phone {{PH:207.555.0150 ext. 2210}} | Fax {{FX:207.555.0151}}
{{URL:www.tidewatercardio-me.org}}

{{D:June 6, 2023}}

{{N:Colm Fitzpatrick}}, MD
Cardiac Electrophysiology
{{G:Pinecrest University Hospital}}
{{G:80 College Street}}, {{G:Eastbrook}}, {{G:ME}} {{G:04101}}

RE: {{N:Bernadette Quinlan-Murphy}}     DOB {{D:10/02/1947}}     MRN {{MRN:TCA-0077215}}
Medicare Beneficiary Identifier: {{HP:3KX7-QM2-HT58}}

Dear Dr. {{N:Fitzpatrick}},

Thank you for seeing Mrs. {{N:Quinlan-Murphy}}, a [[75-year-old]] retired schoolteacher,
for consideration of catheter ablation of symptomatic paroxysmal atrial fibrillation.

She was first found to have atrial fibrillation on an implantable loop recorder
(serial {{DEV:RLA-118204X}}) placed after a cryptogenic stroke in [[2021]]. Since then
she has had increasingly frequent episodes with palpitations, fatigue and exertional
dyspnea; her loop recorder shows an AF burden of 18% over the last 90 days.
Flecainide 100 mg twice daily was poorly tolerated because of dizziness, and she
prefers not to take amiodarone.

Other history: hypertension, hypothyroidism, osteoarthritis of both knees,
[[rheumatoid arthritis (RA)]] on methotrexate 15 mg weekly. No bleeding history.
Her CHA2DS2-VASc score is 6 and she takes apixaban 5 mg twice daily.

Examination on {{D:May 30}}: [[BP 132/78]], HR 64 and regular, no murmurs, lungs clear.
Echo {{D:5/22/2023}}: [[EF 60%]], left atrium mildly dilated (42 mL/m2), no significant
valve disease. TSH 2.1. Creatinine 0.9. Hemoglobin 13.4.

Her husband, {{N:Peter Quinlan-Murphy}}, drives her to appointments; they live at
{{G:12 Saltmarsh Lane}}, {{G:Eastbrook}}, and can be reached on {{PH:207-555-0192}} or by email
at {{EM:bqmurphy47@harborlight.net}}. Please copy me on your consultation note.

Yours sincerely,

{{N:Naomi Achterberg}}, MD, FACC
NPI {{LIC:1598732042}}  |  State license {{LIC:MD21734}}  |  DEA {{LIC:BW4827169}}
{{EM:nachterberg@tidewatercardio-me.org}}
"""

NOTES["letters/referral_02.txt"] = """
{{G:Harbor Street Family Practice}}
{{G:640 Harbor Street}}, {{G:Marlow Falls}}, {{G:VT}} {{G:05733-0418}}

To: Audiology, {{G:Green Hollow Hearing Center}}, fax {{FX:(802) 555-0125}}
Re: {{N:Zoë Marchetti}}, DOB {{D:08/19/1978}}, health plan member {{HP:BCV 448 201 773}}

Please evaluate Ms. {{N:Marchetti}} for worsening right-sided hearing loss since {{D:the 14th of February}}
when she had a viral illness. Weber lateralizes to the left; Rinne positive bilaterally.
She wears a left hearing aid (serial {{DEV:HA-5520-71936}}) that she reports is working.
Urgent audiogram requested to exclude sudden sensorineural loss.

Thank you,
{{N:Kim Nguyen}}, NP   ({{PH:802-555-0102}}, ext. 31)
"""

# ------------------------------------------------------------------------------- phone
NOTES["phone/phone_01.txt"] = """
TELEPHONE ENCOUNTER {{D:Mar 22, 2023}} 11:05
Caller: {{N:Ines Castellano}}, daughter of pt {{N:Rosa Castellano}} ({{A:93}}-year-old), cb {{PH:555-0148}}.
Reports mother more confused since Sunday, eating less, no fever, no falls.
Advised ED evaluation if worse; daughter prefers clinic visit. Booked with Dr. {{N:Alvarez}} tomorrow 9 AM.
-- {{N:M. Fitzgerald}}, RN
"""

NOTES["phone/phone_02.txt"] = """
Phone note - pharmacy call back
Date/time: {{D:09/05/2023}} 15:20
Caller: {{N:Dana Whitlock}}, PharmD, {{G:Larkspur Pharmacy}}, {{G:220 Main Street}}, {{G:Fenwick}}, {{G:ME}}
Phone {{PH:(207) 555-0106 ext. 12}}     Fax {{FX:207-555-0107}}

Re: {{N:Arthur Pennington}} (DOB {{D:1/30/1961}}, MRN {{MRN:30882461}})
Pharmacist calling to verify oxycodone 5 mg, [[1/2 tab]] PO q6h PRN, #20, written by
{{N:Gwen Osei}}, MD, DEA {{LIC:FA3917462}}. State PDMP shows no other controlled Rx.
Verified the prescription is valid and the quantity is correct. Pharmacist also confirmed
enoxaparin [[1 mg/kg]] SC q12h (80 mg for 81 kg) is the intended dose. Pt also asked the pharmacy
about switching to liquid form; told pharmacist we would send a new Rx if needed.
Dr. {{N:Osei}} aware.
{{N:P. Lindgren}}, LPN
"""

NOTES["phone/phone_03.txt"] = """
SOCIAL WORK - TELEPHONE CONTACT
{{D:10/27/2023}} 10:40-11:05

Spoke with {{N:Odessa Fairweather}}, niece and caregiver of pt {{N:Mabel Fairweather}}, who is in her {{A:90s}}
and lives with the niece at {{G:14 Lantern Hill Road, Apt 1}}, {{G:Dunmore}}, {{G:Pennsylvania}} {{G:18512}}.
Call-back number {{PH:570-555-0139}}; alternate {{PH:(570) 555-0140 ext 7}} (niece's work).

1. Medicaid long-term care application: niece supplied pt SSN {{SSN:412 54 8863}} and
   Medicare ID {{HP:7FR3-HJ5-XN22}}. Hospital account {{AC:HA-00918374}} flagged for
   financial counseling; niece will mail the pt's last three bank statements.
2. Disability parking placard: completed section for the vehicle registered to the pt,
   plate {{VEH:GHL-4471}}, VIN {{VEH:3GNAXUEVXLS604218}}. Form faxed to PennDOT.
3. Pt's late husband's pension: niece to send death certificate (certificate no.
   {{LIC:PA-2019-0447312}}) to the benefits office.

Niece reports pt is eating well, uses a walker at home, and has a fall alarm (device
ID {{DEV:LF-88120-3K}}). Plan: follow up in 2 weeks or sooner if the application is denied.
{{N:Bea Nakagawa}}, LCSW   {{EM:bnakagawa@pinecrest-health.org}}
"""

# --------------------------------------------------------------------------------- lab
NOTES["lab/lab_01.txt"] = """
{{G:NORTHGATE CLINICAL LABORATORIES}}
{{G:6120 Industrial Parkway, Bldg C}}, {{G:Wexford Mills}}, {{G:PA}} {{G:15090-8831}}
Client services {{PH:1-800-555-0175}}     Fax {{FX:1-800-555-0176}}

PATIENT: {{N:NGUYEN-PRICE, ANH}}          SEX: F      DOB: {{D:09/03/1966}}
MRN: {{MRN:30558172}}                     ACCESSION: {{UID:NGL-2303-118845}}
COLLECTED: {{D:03/14/2023}} 07:42         RECEIVED: {{D:03/14/2023}} 09:05
ORDERING PROVIDER: {{N:Lee}} MD           REPORTED: {{D:03/14/2023}} 11:30
ACCOUNT: {{AC:CLT-448210}}

TEST                 RESULT    FLAG   UNITS          REF RANGE
Sodium               138              mmol/L         136-145
[[Potassium            5.4       H]]      mmol/L         3.5-5.1
Chloride             101              mmol/L         98-107
CO2                  22               mmol/L         22-29
BUN                  31        H      mg/dL          7-20
[[Creatinine           1.42      H]]      mg/dL          0.57-1.00
eGFR                 41        L      mL/min/1.73m2  >59
Glucose              186       H      mg/dL          70-99
[[Hemoglobin A1c       8.1       H]]      %              4.0-5.6
WBC                  7.2              x10^3/uL       3.4-10.8
Hemoglobin           11.3             g/dL           11.1-15.9
Platelets            242              x10^3/uL       150-450
TSH                  2.31             uIU/mL         0.45-4.50

COMMENT: Specimen slightly hemolyzed; potassium may be falsely elevated.
Critical-value policy not triggered. Called to {{N:Ruth Abernathy}}, RN on
{{D:03/14/2023}} 11:42 by {{N:C. Okonkwo}}, MLS.

Laboratory director: {{N:Miriam Feld}}, MD, PhD
"""

NOTES["lab/lab_02.txt"] = """
MICROBIOLOGY REPORT - {{G:Pinecrest University Hospital}} Clinical Laboratory
Name: {{N:Vukovic, Petra}}     Medical Record Number {{MRN:99812}}
Specimen: {{UID:SP-23-004471}}   Source: urine, clean catch
Collected: {{D:2023-03-14}} 08:10     Final: {{D:2023-03-16}} 14:55

CULTURE: >100,000 CFU/mL Klebsiella pneumoniae
SUSCEPTIBILITY (MIC, ug/mL):
  Ampicillin ........ >=32   R
  Cefazolin ......... 2      S
  Ceftriaxone ....... <=1    S
  Ciprofloxacin ..... <=0.25 S
  Nitrofurantoin .... 64     I
  TMP/SMX ........... <=20   S
Reviewed by {{N:Hugo Marchand}}, MD, PhD
"""

# ------------------------------------------------------------------------------ portal
NOTES["portal/portal_01.txt"] = """
PATIENT PORTAL MESSAGE
From: {{N:Hope Brown}} <{{EM:hope.brown.rn@lanternmail.com}}>
To: Dr. {{N:Amara Young}} / {{G:Cedar Row Pediatrics}}
Sent: {{D:Tuesday, January 16, 2024}} 9:41 PM     (client IP {{IP:198.51.100.23}})
Subject: {{N:Rose}} - warm and rash

Hi Dr. {{N:Young}},
{{N:Rose}} is 11 days old and tonight she feels warm. I got 100.6 rectally about 20 minutes
ago. She has a few red bumps on her cheeks and chest but is feeding ok, 6 wet diapers
today. My husband {{N:Marcus}} thinks it's just baby acne. Should we come in tomorrow or go
to the ED tonight? I really hope it's nothing. Our new number is {{PH:(360) 555-0193}}.
Thanks,
{{N:Hope}}
"""

NOTES["portal/portal_02.txt"] = """
PORTAL REPLY - {{G:Cedar Row Pediatrics}} Nurse Line
Sent: {{D:01/16/2024}} 21:58   Message ID: {{UID:MSG-7731-0042-9915}}

Hello {{N:Hope}} and {{N:Marcus}},
Please take {{N:Rose}} to the emergency department now. Any temperature of 100.4 or higher in a baby
younger than 28 days needs to be checked the same night. The nearest pediatric ED is at
{{G:Kestrel Bay Women's Hospital}}, {{G:400 Harborview Drive}}, {{G:Port Alder}}. I also tried to call you at
{{PH:(360) 555-0193}} and left a voicemail. Fever guidance:
{{URL:https://www.cedarrowpeds.org/families/newborn-fever}}
{{N:Tamsin Greer}}, RN, BSN
"""

NOTES["portal/portal_03.txt"] = """
Secure message from patient {{N:Walter Duquesne}} (MRN {{MRN:40556719}}) - received {{D:Mar 2, 2023}} 07:14
Logged from {{IP:2001:db8:4a1::17}}
Hi, can you send my lisinopril refill to the {{G:Hollis Street Pharmacy}} instead of mail order.
My new insurance card says member number {{HP:W88-310-4427}}, group 7700.
Thank you, {{N:Walt}}
"""


# ----------------------------------------------------------------------------- builder
def parse(src: str) -> tuple[str, list[dict], list[dict]]:
    """Turn a marked-up note source into (text, PHI spans, hard-negative spans)."""
    src = src.strip("\n") + "\n"
    out: list[str] = []
    pos = 0  # position in the output text
    last = 0  # position in the source
    spans: list[dict] = []
    negatives: list[dict] = []
    for m in MARKUP.finditer(src):
        plain = src[last : m.start()]
        out.append(plain)
        pos += len(plain)
        if m.group(1) is not None:
            code, value = m.group(1), m.group(2)
            if code not in CODES:
                raise ValueError(f"unknown type code {code!r}")
            spans.append({"start": pos, "end": pos + len(value), "type": CODES[code], "text": value})
        else:
            value = m.group(3)
            negatives.append({"start": pos, "end": pos + len(value), "text": value})
        out.append(value)
        pos += len(value)
        last = m.end()
    out.append(src[last:])
    return "".join(out), spans, negatives


def short_span_needle(text: str, spans: list[dict], span: dict) -> str:
    """The value of a short span plus up to CONTEXT characters of surrounding text,
    stopping at neighbouring PHI spans (so the needle holds no other PHI).

    tests/test_samples.py uses the same rule to check short values were redacted."""
    start, end = span["start"], span["end"]
    left_limit = max([s["end"] for s in spans if s["end"] <= start] + [0])
    right_limit = min([s["start"] for s in spans if s["start"] >= end] + [len(text)])
    left = text[max(left_limit, start - CONTEXT) : start]
    right = text[end : min(right_limit, end + CONTEXT)]
    return left + text[start:end] + right


def validate(note_id: str, text: str, spans: list[dict], negatives: list[dict]) -> list[str]:
    problems: list[str] = []
    for marker in ("{{", "}}", "[[", "]]"):
        if marker in text:
            problems.append(f"{note_id}: leftover markup {marker!r}")
    for s in spans + negatives:
        if text[s["start"] : s["end"]] != s["text"]:
            problems.append(f"{note_id}: bad offsets for {s['text']!r}")
        if s["text"] != s["text"].strip() or not s["text"]:
            problems.append(f"{note_id}: span has surrounding whitespace {s['text']!r}")
    ordered = sorted(spans, key=lambda s: s["start"])
    for a, b in zip(ordered, ordered[1:]):
        if b["start"] < a["end"]:
            problems.append(f"{note_id}: overlapping spans {a['text']!r} / {b['text']!r}")
    for n in negatives:
        for s in spans:
            if n["start"] < s["end"] and s["start"] < n["end"]:
                problems.append(f"{note_id}: hard negative {n['text']!r} overlaps PHI {s['text']!r}")
    for s in spans:
        value = s["text"]
        if len(value) < SHORT:
            needle = short_span_needle(text, spans, s)
            if len(needle) - len(value) < SHORT or text.count(needle) != 1:
                problems.append(f"{note_id}: short span {value!r} at {s['start']} has no unique context")
            continue
        i = text.find(value)
        while i != -1:
            if not any(o["start"] <= i and i + len(value) <= o["end"] for o in spans):
                problems.append(f"{note_id}: {value!r} also occurs unannotated at {i}")
            i = text.find(value, i + 1)
    if note_id.startswith("icu/") and text != text.upper():
        problems.append(f"{note_id}: ICU nursing notes must be upper case")
    return problems


def build() -> tuple[list[dict], list[dict], list[str]]:
    records, negative_records, problems = [], [], []
    for note_id in sorted(NOTES):
        text, spans, negatives = parse(NOTES[note_id])
        problems += validate(note_id, text, spans, negatives)
        records.append({"id": note_id, "text": text, "spans": spans})
        negative_records.append({"id": note_id, "spans": negatives})
    return records, negative_records, problems


def _jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def outputs() -> dict[Path, str]:
    records, negative_records, problems = build()
    if problems:
        raise SystemExit("ground truth problems:\n  " + "\n  ".join(problems))
    files = {HERE / r["id"]: r["text"] for r in records}
    files[HERE / "ground_truth.jsonl"] = _jsonl(records)
    files[HERE / "hard_negatives.jsonl"] = _jsonl(negative_records)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify files are up to date; write nothing")
    args = parser.parse_args(argv)
    stale = []
    for path, content in outputs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == content:
            continue
        stale.append(path.relative_to(HERE).as_posix())
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(content)
    if args.check:
        if stale:
            print("out of date: " + ", ".join(stale))
            return 1
        print("ground truth up to date")
    else:
        print(f"wrote {len(stale)} file(s)" if stale else "nothing to do")
    return 0


if __name__ == "__main__":
    sys.exit(main())
