"""What each VPBank form contains: ids, labels, types, options and steps, as the pages show them."""

from __future__ import annotations

from dataclasses import dataclass, field

# `kind` is the input type, or "select" / "textarea".
FieldKind = str
Options = tuple[tuple[str, str], ...]

EMPTY_CHOICE = "-- Chọn --"
CUSTOM_TIME = "__custom__"


@dataclass(frozen=True)
class FieldSpec:
    """One control: `name` is also its `id`."""

    name: str
    label: str
    kind: FieldKind
    step: int
    options: Options = ()  # (value, label) in page order, the empty option included
    placeholder: str = ""
    attrs: dict[str, str] = field(default_factory=dict)  # min, max, step, accept, rows, ...
    marked: bool = False  # Loan's decorative red asterisk
    group: str = ""  # id of the container whose visibility a rule toggles

    @property
    def is_file(self) -> bool:
        return self.kind == "file"


@dataclass(frozen=True)
class FormSpec:
    """One form page."""

    name: str
    form_id: str
    real_url: str
    title: str
    hero_title: str
    hero_text: str
    card_heading: str
    steps: int
    submit_text: str
    toast_text: str
    fields: tuple[FieldSpec, ...]
    step_labels: tuple[str, ...] = ()  # only for forms with the hidden `.wizard-progress`
    date_defaults: tuple[str, ...] = ()  # fields set to today (Asia/Ho_Chi_Minh) on load

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def field_names(self) -> frozenset[str]:
        return frozenset(spec.name for spec in self.fields)


def _opts(text: str, empty: str | None = EMPTY_CHOICE) -> Options:
    """Parse 'value=Label; value=Label' and put the empty option first unless `empty` is None."""
    pairs = []
    for part in text.split(";"):
        value, _, label = part.strip().partition("=")
        pairs.append((value, label))
    if empty is not None:
        pairs.insert(0, ("", empty))
    return tuple(pairs)


def _time_slots() -> Options:
    slots = [(f"{m // 60:02d}:{m % 60:02d}",) * 2 for m in range(8 * 60, 20 * 60 + 31, 15)]
    return (("", "-- Chọn khung giờ --"), *slots, (CUSTOM_TIME, "Tự nhập…"))


LOAN_TERMS = (6, 12, 18, 24, 36, 48, 60)
TIME_SLOTS: tuple[str, ...] = tuple(v for v, _ in _time_slots() if v not in ("", CUSTOM_TIME))

_F = FieldSpec

LOAN = FormSpec(
    name="loan",
    form_id="loanOriginationForm",
    real_url="https://vpbank-shared-form-fastdeploy.vercel.app/",
    title="VPBank - Đăng ký khoản vay",
    hero_title="Vay tiền nhanh",
    hero_text="Không thế chấp tài sản, Thủ tục đơn giản, nhận tiền nhanh chóng",
    card_heading="Đăng ký khoản vay",
    steps=3,
    submit_text="Gửi Đơn",
    toast_text="✓ Đăng ký vay thành công",
    date_defaults=("applicationDate",),
    fields=(
        _F("customerName", "Họ và Tên", "text", 1, marked=True),
        _F("customerId", "Số CCCD/CMND", "text", 1, marked=True),
        _F("phoneNumber", "Số Điện Thoại", "tel", 1, marked=True),
        _F("email", "Email", "email", 1, marked=True),
        _F("address", "Địa Chỉ Thường Trú", "textarea", 1, marked=True),
        _F("dateOfBirth", "Ngày Sinh", "date", 1, marked=True),
        _F(
            "gender",
            "Giới Tính",
            "select",
            1,
            _opts("male=Nam; female=Nữ; other=Khác"),
            marked=True,
        ),
        _F(
            "employmentStatus",
            "Tình Trạng Việc Làm",
            "select",
            1,
            _opts(
                "employed=Đang làm việc; self-employed=Tự kinh doanh; "
                "unemployed=Chưa có việc làm; retired=Đã nghỉ hưu"
            ),
            marked=True,
        ),
        _F("companyName", "Tên Công Ty/Nơi Làm Việc", "text", 1),
        _F("monthlyIncome", "Thu Nhập Hàng Tháng (VNĐ)", "number", 1, marked=True),
        _F("workAddress", "Địa Chỉ Nơi Làm Việc", "textarea", 1),
        _F("loanAmount", "Số Tiền Vay (VNĐ)", "number", 2, marked=True),
        _F(
            "loanTerm",
            "Kỳ Hạn",
            "select",
            2,
            (("", "-- Chọn kỳ hạn --"), *((str(n), f"{n} tháng") for n in LOAN_TERMS)),
            marked=True,
        ),
        _F(
            "loanPurpose",
            "Mục Đích Vay",
            "select",
            2,
            _opts(
                "personal=Tiêu dùng cá nhân; business=Kinh doanh; education=Học tập; home=Mua nhà; "
                "vehicle=Mua xe; renovation=Sửa chữa nhà; other=Khác",
                "-- Chọn mục đích --",
            ),
            marked=True,
        ),
        _F("applicationDate", "Ngày Đăng Ký", "date", 2, marked=True),
        _F(
            "collateralType",
            "Loại Tài Sản",
            "select",
            2,
            _opts(
                "real-estate=Bất động sản; vehicle=Xe cộ; securities=Chứng khoán; "
                "deposit=Tiền gửi; none=Không có",
                "-- Chọn loại tài sản --",
            ),
            marked=True,
        ),
        _F("collateralValue", "Giá Trị Tài Sản (VNĐ)", "number", 2),
        _F(
            "collateralDescription",
            "Mô Tả Tài Sản",
            "textarea",
            2,
            placeholder="Địa chỉ, biển số xe, mã chứng khoán, ...",
        ),
        _F("relationshipManager", "Tên Nhân Viên Quan Hệ (RM)", "text", 3),
        _F(
            "additionalNotes",
            "Ghi Chú Thêm",
            "textarea",
            3,
            placeholder="Các thông tin bổ sung khác...",
        ),
    ),
)

CRM = FormSpec(
    name="crm",
    form_id="crmUpdateForm",
    real_url="https://case2-ten.vercel.app/",
    title="VPBank - Cập Nhật CRM & Log Tương Tác",
    hero_title="Cập nhật CRM",
    hero_text=(
        "Chăm sóc khách hàng đa kênh, Ghi nhận tương tác & đánh giá hài lòng theo thời gian thực"
    ),
    card_heading="Cập nhật CRM Khách Hàng",
    steps=2,
    step_labels=("KH & Tương tác", "Giải quyết & Đánh giá"),
    submit_text="Gửi Đơn",
    toast_text="✓ Cập nhật thành công",
    date_defaults=("interactionDate",),
    fields=(
        _F("customerName", "Họ và Tên", "text", 1),
        _F("customerId", "Mã Khách Hàng", "text", 1),
        _F("phoneNumber", "Số Điện Thoại", "tel", 1),
        _F("email", "Email", "email", 1),
        _F(
            "address",
            "Địa Chỉ",
            "textarea",
            1,
            placeholder="Cập nhật địa chỉ mới nếu có thay đổi",
        ),
        _F(
            "interactionType",
            "Loại Tương Tác",
            "select",
            1,
            _opts("call=Cuộc gọi; email=Email; visit=Gặp trực tiếp; chat=Chat online; sms=SMS"),
        ),
        _F("interactionDate", "Ngày Tương Tác", "date", 1),
        _F("timeSlot", "Thời Gian", "select", 1, _time_slots()),
        _F("interactionTime", "Nhập giờ khác", "time", 1, group="customTimeWrap"),
        _F(
            "duration",
            "Thời Lượng (phút)",
            "number",
            1,
            placeholder="Thời gian tương tác",
            attrs={"min": "0"},
        ),
        _F("agentName", "Tên Nhân Viên", "text", 1),
        _F(
            "issueCategory",
            "Danh Mục Vấn Đề",
            "select",
            2,
            _opts(
                "account=Tài khoản; card=Thẻ; loan=Vay vốn; transaction=Giao dịch; "
                "complaint=Khiếu nại; information=Tư vấn thông tin; service=Dịch vụ; other=Khác"
            ),
        ),
        _F("issueDescription", "Mô Tả Vấn Đề", "textarea", 2),
        _F(
            "resolutionStatus",
            "Trạng Thái Xử Lý",
            "select",
            2,
            _opts(
                "resolved=Đã giải quyết; pending=Đang xử lý; "
                "escalated=Đã chuyển lên cấp trên; cancelled=Đã hủy"
            ),
        ),
        _F("resolutionDetails", "Chi Tiết Giải Quyết", "textarea", 2),
        _F(
            "satisfactionRating",
            "Mức Độ Hài Lòng",
            "select",
            2,
            _opts(
                "5=⭐⭐⭐⭐⭐ Rất hài lòng; 4=⭐⭐⭐⭐ Hài lòng; 3=⭐⭐⭐ Bình thường; "
                "2=⭐⭐ Không hài lòng; 1=⭐ Rất không hài lòng"
            ),
        ),
        _F("followUpRequired", "Cần Theo Dõi", "select", 2, _opts("yes=Có; no=Không")),
        _F("followUpDate", "Ngày Theo Dõi", "date", 2),
        _F("notes", "Ghi Chú Thêm", "textarea", 2),
        _F(
            "tags",
            "Tags (phân cách bằng dấu phẩy)",
            "text",
            2,
            placeholder="VIP, urgent, follow-up",
        ),
    ),
)

HR = FormSpec(
    name="hr",
    form_id="hrWorkflowForm",
    real_url="https://case3-seven.vercel.app/",
    title="VPBank - Yêu cầu nội bộ",
    hero_title="Quy trình nhân sự — nộp yêu cầu, phê duyệt & đồng bộ tức thì.",
    hero_text="",
    card_heading="Yêu cầu nội bộ",
    steps=2,
    step_labels=("Thông tin & Yêu cầu", "Phê duyệt & Bổ sung"),
    submit_text="Gửi Đơn",
    toast_text="✓ Nộp đơn thành công",
    date_defaults=("submissionDate",),
    fields=(
        _F("employeeName", "Họ và Tên", "text", 1),
        _F("employeeId", "Mã Nhân Viên", "text", 1),
        _F(
            "department",
            "Phòng Ban",
            "select",
            1,
            _opts(
                "retail-lending=Retail Lending; customer-service=Customer Service; "
                "human-resources=Human Resources; risk-compliance=Risk & Compliance; "
                "operations=Operations; it=IT; finance=Finance; marketing=Marketing; "
                "sales=Sales; other=Khác"
            ),
        ),
        _F("position", "Chức Vụ", "text", 1),
        _F("email", "Email", "email", 1),
        _F("phoneNumber", "Số Điện Thoại", "tel", 1),
        _F(
            "requestType",
            "Loại Đơn",
            "select",
            1,
            _opts(
                "leave=Nghỉ phép; business-trip=Công tác; training=Đào tạo; "
                "equipment=Yêu cầu trang thiết bị; reimbursement=Hoàn ứng chi phí; "
                "certificate=Xin giấy xác nhận; resignation=Xin nghỉ việc; other=Khác"
            ),
        ),
        _F(
            "leaveType",
            "Loại Nghỉ Phép",
            "select",
            1,
            _opts(
                "annual=Nghỉ phép năm; sick=Nghỉ ốm; personal=Nghỉ cá nhân; "
                "unpaid=Nghỉ không lương; maternity=Nghỉ thai sản; paternity=Nghỉ chăm con; "
                "wedding=Nghỉ cưới; funeral=Nghỉ tang"
            ),
            group="leaveTypeGroup",
        ),
        _F("startDate", "Ngày Bắt Đầu", "date", 1),
        _F("endDate", "Ngày Kết Thúc", "date", 1),
        _F("duration", "Số Ngày", "number", 1, attrs={"min": "0", "step": "0.5"}),
        _F("reason", "Lý Do", "textarea", 1),
        _F("managerName", "Tên Quản Lý Trực Tiếp", "text", 2),
        _F("managerEmail", "Email Quản Lý", "email", 2),
        _F(
            "approvalStatus",
            "Trạng Thái",
            "select",
            2,
            _opts(
                "pending=Chờ phê duyệt; approved=Đã phê duyệt; rejected=Từ chối; cancelled=Đã hủy",
                None,
            ),
        ),
        _F("rejectionReason", "Lý Do Từ Chối", "textarea", 2, group="rejectionReasonGroup"),
        _F("submissionDate", "Ngày Nộp Đơn", "date", 2),
        _F(
            "contactDuringAbsence",
            "Thông Tin Liên Lạc (Khi Nghỉ)",
            "text",
            2,
            placeholder="Số điện thoại, email dự phòng",
        ),
        _F("workHandover", "Bàn Giao Công Việc", "textarea", 2),
        _F(
            "attachments",
            "File Đính Kèm (nếu có)",
            "file",
            2,
            attrs={"accept": ".pdf,.doc,.docx,.jpg,.jpeg,.png,.zip", "multiple": ""},
        ),
        _F("notes", "Ghi Chú", "textarea", 2),
    ),
)

COMPLIANCE = FormSpec(
    name="compliance",
    form_id="complianceForm",
    real_url="https://case4-beta.vercel.app/",
    title="VPBank - Báo Cáo Tuân Thủ & Kiểm Toán",
    hero_title="Kiểm Soát Chặt Chẽ",
    hero_text="Tuân thủ nghiêm ngặt, báo cáo chính xác",
    card_heading="Báo Cáo Tuân Thủ & Kiểm Toán",
    steps=3,
    submit_text="Gửi Báo Cáo",
    toast_text="✓ Báo cáo đã được gửi",
    fields=(
        _F("reportId", "Mã Báo Cáo", "text", 1, placeholder="BC-202410-001"),
        _F(
            "reportType",
            "Loại Báo Cáo",
            "select",
            1,
            _opts(
                "aml=AML (Anti-Money Laundering); kyc=KYC (Know Your Customer); "
                "risk-assessment=Đánh giá rủi ro; audit=Kiểm toán nội bộ; "
                "regulatory=Báo cáo định kỳ NHNN; fraud=Phát hiện gian lận; other=Khác"
            ),
        ),
        _F("submissionDate", "Ngày Nộp Báo Cáo", "date", 1),
        _F("slaDeadline", "Hạn Chót Nộp Báo Cáo (SLA)", "date", 1),
        _F(
            "reportTitle",
            "Tiêu Đề Báo Cáo",
            "text",
            1,
            placeholder="Báo cáo AML tháng 10/2025",
        ),
        _F("complianceOfficer", "Tên Nhân Viên", "text", 1),
        _F("officerEmail", "Email", "email", 1),
        _F("officerPosition", "Chức Vụ", "text", 1),
        _F("department", "Phòng Ban", "text", 1),
        _F(
            "status",
            "Trạng Thái",
            "select",
            2,
            _opts(
                "in-progress=Đang thực hiện; completed=Hoàn thành; under-review=Đang xem xét; "
                "approved=Đã phê duyệt; rejected=Từ chối"
            ),
        ),
        _F("casesReviewed", "Số Trường Hợp Đã Xem Xét", "number", 2, attrs={"min": "0"}),
        _F("highRiskCases", "Trường Hợp Rủi Ro Cao", "number", 2, attrs={"min": "0"}),
        _F(
            "violationsFound",
            "Vi Phạm Phát Hiện",
            "select",
            2,
            _opts("none=Không có vi phạm; minor=Vi phạm nhỏ; major=Vi phạm nghiêm trọng"),
        ),
        _F("violationDetails", "Chi Tiết Vi Phạm", "textarea", 2, group="violationDetailsGroup"),
        _F("actionsTaken", "Các Biện Pháp Đã Áp Dụng", "textarea", 2),
        _F("preventiveMeasures", "Biện Pháp Phòng Ngừa", "textarea", 2),
        _F("followUpRequired", "Cần Theo Dõi Tiếp", "select", 2, _opts("yes=Có; no=Không")),
        _F("followUpDate", "Ngày Theo Dõi", "date", 2, group="followUpDateGroup"),
        _F(
            "overallRisk",
            "Mức Độ Rủi Ro Tổng Thể",
            "select",
            2,
            _opts("low=Thấp; medium=Trung bình; high=Cao; critical=Nghiêm trọng"),
        ),
        _F("riskAnalysis", "Phân Tích Rủi Ro", "textarea", 2),
        _F(
            "attachments",
            "File Đính Kèm",
            "file",
            3,
            attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx", "multiple": ""},
        ),
        _F("referenceDocuments", "Tài Liệu Tham Khảo", "textarea", 3),
        _F("executiveSummary", "Tóm Tắt Báo Cáo", "textarea", 3),
        _F("additionalNotes", "Ghi Chú Thêm", "textarea", 3),
        _F("recommendations", "Kiến Nghị", "textarea", 3),
    ),
)

OPERATIONS = FormSpec(
    name="operations",
    form_id="operationsForm",
    real_url="https://case5-chi.vercel.app/",
    title="VPBank - Kiểm Tra Giao Dịch",
    hero_title="Kiểm Tra Giao Dịch",
    hero_text="Xác Minh Nhanh Chóng - Đơn giản, chính xác, minh bạch",
    card_heading="Kiểm Tra Giao Dịch",
    steps=3,
    submit_text="Xác Nhận Kiểm Tra",
    toast_text="✓ Yêu cầu đã được tiếp nhận",
    date_defaults=("reviewDate",),
    fields=(
        _F("customerName", "Họ và Tên", "text", 1),
        _F("customerId", "Mã Khách Hàng", "text", 1),
        _F("accountNumber", "Số Tài Khoản", "text", 1),
        _F("phoneNumber", "Số Điện Thoại", "tel", 1),
        _F("transactionId", "Mã Giao Dịch", "text", 1),
        _F(
            "transactionType",
            "Loại Giao Dịch",
            "select",
            1,
            _opts(
                "deposit=Gửi tiền; withdrawal=Rút tiền; transfer=Chuyển khoản; payment=Thanh toán; "
                "loan-disbursement=Giải ngân vay; loan-payment=Trả nợ vay; fee=Thu phí; "
                "refund=Hoàn tiền"
            ),
        ),
        _F(
            "channel",
            "Kênh Giao Dịch",
            "select",
            1,
            _opts(
                "branch=Chi nhánh; atm=ATM; online=Online Banking; mobile=Mobile Banking; "
                "pos=POS; agent=Điểm giao dịch"
            ),
        ),
        _F(
            "transactionAmount",
            "Số Tiền (VNĐ)",
            "number",
            1,
            attrs={"min": "0", "step": "1000"},
        ),
        _F("transactionDate", "Ngày Giờ Giao Dịch", "datetime-local", 1),
        _F("transactionDescriptionFull", "Mô Tả Giao Dịch", "textarea", 1, attrs={"rows": "3"}),
        _F("beneficiaryName", "Tên Người Nhận", "text", 1, group="beneficiarySection"),
        _F("beneficiaryAccount", "Số Tài Khoản Người Nhận", "text", 1, group="beneficiarySection"),
        _F("beneficiaryBank", "Ngân Hàng", "text", 1, group="beneficiarySection"),
        _F(
            "status",
            "Trạng Thái",
            "select",
            2,
            _opts(
                "pending=Đang xử lý; completed=Hoàn thành; failed=Thất bại; cancelled=Đã hủy; "
                "reversed=Đã đảo ngược"
            ),
        ),
        _F(
            "processingSystem",
            "Hệ Thống Xử Lý",
            "select",
            2,
            _opts(
                "core-banking=Core Banking; payment-gateway=Payment Gateway; napas=NAPAS; "
                "swift=SWIFT; other=Khác"
            ),
        ),
        _F("failureReason", "Lý Do Thất Bại", "textarea", 2, group="failureReasonGroup"),
        _F(
            "validationResult",
            "Kết Quả Kiểm Tra",
            "select",
            2,
            _opts(
                "valid=Hợp lệ; invalid=Không hợp lệ; needs-review=Cần xem xét; suspicious=Nghi ngờ"
            ),
        ),
        _F("reviewerName", "Người Kiểm Tra", "text", 2),
        _F("reviewDate", "Ngày Kiểm Tra", "date", 2),
        _F(
            "validationIssues",
            "Vấn Đề Phát Hiện",
            "textarea",
            2,
            group="validationIssuesGroup",
        ),
        _F(
            "balanceBefore",
            "Số Dư Trước Giao Dịch (VNĐ)",
            "number",
            2,
            attrs={"min": "0", "step": "1000"},
        ),
        _F(
            "balanceAfter",
            "Số Dư Sau Giao Dịch (VNĐ)",
            "number",
            2,
            attrs={"min": "0", "step": "1000"},
        ),
        _F(
            "balanceStatus",
            "Trạng Thái Đối Soát",
            "select",
            2,
            _opts("matched=Khớp; mismatched=Không khớp; pending=Đang kiểm tra"),
        ),
        _F("fraudScore", "Điểm Rủi Ro (0-100)", "number", 3, attrs={"min": "0", "max": "100"}),
        _F(
            "fraudIndicators",
            "Dấu Hiệu Bất Thường",
            "select",
            3,
            _opts(
                "none=Không có; velocity=Tần suất cao; amount=Số tiền bất thường; "
                "location=Vị trí lạ; pattern=Mẫu giao dịch lạ; multiple=Nhiều dấu hiệu"
            ),
        ),
        _F(
            "fraudDetails",
            "Chi Tiết Dấu Hiệu Gian Lận",
            "textarea",
            3,
            group="fraudDetailsGroup",
        ),
        _F("notes", "Ghi Chú Kiểm Tra", "textarea", 3),
        _F("actionRequired", "Hành Động Cần Thiết", "textarea", 3),
    ),
)

FORMS: dict[str, FormSpec] = {spec.name: spec for spec in (LOAN, CRM, HR, COMPLIANCE, OPERATIONS)}
