"""Generic vocabulary: how people name fields and options, matched to labels by meaning.

Nothing here names a form or a field id. A concept's phrases become cues for every field whose
kind fits and whose label or name contains one of the concept's keywords (folded), so a new form
with sensible labels picks them up without code changes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Concept:
    """Phrases people use for a kind of field, and which fields they can mean."""

    phrases: tuple[str, ...]
    kinds: frozenset[str]
    any_of: tuple[str, ...] = ()  # folded keywords, one must occur in the field's label or name
    none_of: tuple[str, ...] = ()
    inclusive: tuple[str, ...] = ()  # phrases that are part of the value ("Công ty ABC")
    also_any_of: tuple[str, ...] = ()  # a second group of keywords that must also occur


def _c(
    phrases: str,
    kinds: str,
    any_of: str = "",
    none_of: str = "",
    inclusive: str = "",
    also_any_of: str = "",
) -> Concept:
    def split(text: str) -> tuple[str, ...]:
        return tuple(p.strip() for p in text.split("|") if p.strip())

    return Concept(
        split(phrases),
        frozenset(kinds.split()),
        split(any_of),
        split(none_of),
        split(inclusive),
        split(also_any_of),
    )


NAME_KINDS = "person_name"
TEXT_KINDS = "free_text short_text"

CONCEPTS: tuple[Concept, ...] = (
    _c(
        "số điện thoại|sđt|sdt|số đt|đt|điện thoại|số di động|di động|số liên lạc|phone|phone number|"
        "mobile|mobile number|cell|cell phone|tel|telephone|hotline",
        "phone",
    ),
    _c("email|e-mail|mail|địa chỉ email|địa chỉ mail|thư điện tử|email address", "email"),
    _c(
        "họ tên|họ và tên|tên|tên khách hàng|tên kh|tên đầy đủ|name|full name|customer name|"
        "tên nhân viên",
        NAME_KINDS,
        "ho va ten|ho ten|full name|customer name|employee name|ten nhan vien",
    ),
    _c(
        "khách hàng|khách|kh|quý khách|customer|client|tên khách hàng|customer name",
        "person_name code",
        "khach hang|customer",
    ),
    _c(
        "mã khách hàng|mã kh|mã khách|mã số khách hàng|customer id|customer code|cif|số cif|mã cif|"
        "client id|customer number",
        "code",
        "khach hang|customer",
    ),
    _c(
        "cccd|cmnd|cmt|căn cước|căn cước công dân|chứng minh nhân dân|chứng minh thư|số cccd|số cmnd|"
        "id card|national id|citizen id|id number|số giấy tờ|giấy tờ tùy thân|số căn cước|cccd/cmnd",
        "national_id",
    ),
    _c(
        "nhân viên|tên nhân viên|nv|employee|staff|agent|officer|cán bộ|chuyên viên|"
        "nhân viên xử lý|người xử lý|nhân viên phụ trách|người phụ trách|employee name|agent name|"
        "tư vấn viên|giao dịch viên|người lập|người lập báo cáo|lập bởi|prepared by|handled by|"
        "compliance officer|officer name|nhân viên tuân thủ",
        "person_name code",
        "nhan vien|employee|agent|officer|staff",
    ),
    _c(
        "mã nhân viên|mã nv|mã số nhân viên|msnv|employee id|staff id|employee code|employee number",
        "code",
        "nhan vien|employee",
    ),
    _c(
        "rm|nhân viên quan hệ|nhân viên quan hệ khách hàng|cán bộ tín dụng|cán bộ quan hệ khách hàng|"
        "chuyên viên quan hệ khách hàng|relationship manager|nhân viên tín dụng|cbtd|"
        "chuyên viên tư vấn|người phụ trách|phụ trách",
        NAME_KINDS,
        "quan he|relationship",
    ),
    _c(
        "quản lý|quản lý trực tiếp|sếp|trưởng phòng|line manager|manager|người quản lý|cấp trên|"
        "người duyệt|người phê duyệt|approver|direct manager",
        "person_name email",
        "quan ly|manager",
    ),
    _c(
        "email quản lý|email sếp|mail quản lý|email của quản lý|manager email|manager's email|"
        "email trưởng phòng|mail sếp|email người quản lý",
        "email",
        "quan ly|manager",
    ),
    _c(
        "người kiểm tra|kiểm tra viên|reviewer|reviewed by|checked by|người rà soát|kiểm soát viên|"
        "người duyệt",
        NAME_KINDS,
        "kiem tra|reviewer",
    ),
    _c(
        "người nhận|người thụ hưởng|thụ hưởng|beneficiary|recipient|payee|tên người nhận|"
        "chuyển cho|chuyển tiền cho|chuyển khoản cho|transfer to|sent to|gửi cho|beneficiary name",
        NAME_KINDS,
        "nguoi nhan|beneficiary",
    ),
    _c(
        "tài khoản người nhận|stk người nhận|số tài khoản người nhận|tài khoản thụ hưởng|"
        "beneficiary account|recipient account|số tk người nhận|tk người nhận|tài khoản nhận|"
        "stk thụ hưởng",
        "account",
        "nguoi nhan|beneficiary",
    ),
    _c("số tài khoản|stk|tài khoản|tk|số tk|account|account number|acc|acct", "account"),
    _c(
        "ngân hàng|bank|ngân hàng nhận|ngân hàng thụ hưởng|ngân hàng người nhận|tại ngân hàng|nh|"
        "bank name",
        TEXT_KINDS,
        "ngan hang|bank",
    ),
    _c(
        "địa chỉ|đc|đ/c|địa chỉ thường trú|thường trú|hộ khẩu|nơi ở|chỗ ở|sống tại|sống ở|ở tại|"
        "cư trú|address|home address|lives at|living at|resides at|residing at|permanent address|"
        "địa chỉ mới|new address|địa chỉ nhà",
        "free_text short_text",
        "dia chi|address",
        "lam viec|work|email",
    ),
    _c(
        "địa chỉ công ty|địa chỉ nơi làm việc|địa chỉ làm việc|địa chỉ cơ quan|work address|"
        "office address|company address|địa chỉ văn phòng|công ty ở|công ty tại|văn phòng ở",
        "free_text short_text",
        "lam viec|work|cong ty|company|co quan|office",
        "",
        "",
        "dia chi|address",
    ),
    _c(
        "công ty|tên công ty|nơi làm việc|làm việc tại|làm việc ở|làm tại|làm ở|đang làm tại|"
        "đang làm ở|cơ quan|company|employer|works at|working at|works for|working for|"
        "đơn vị công tác|công tác tại|tập đoàn|company name",
        TEXT_KINDS,
        "cong ty|company",
        "",
        "công ty|tập đoàn",
    ),
    _c(
        "thu nhập|thu nhập hàng tháng|thu nhập mỗi tháng|lương|mức lương|lương tháng|thu nhập tháng|"
        "income|monthly income|salary|earns|earning|makes|thu nhập khoảng|lương khoảng",
        "money",
        "thu nhap|income|luong|salary",
    ),
    _c(
        "vay|số tiền vay|khoản vay|muốn vay|cần vay|vay số tiền|loan|loan amount|borrow|borrowing|"
        "vay vốn|hạn mức|hạn mức vay|đề nghị vay|xin vay|số vay|wants|needs|would like|"
        "requesting|apply for|applying for|loan of",
        "money",
        "vay|loan",
    ),
    _c(
        "số tiền|amount|số tiền giao dịch|giá trị giao dịch|transaction amount|trị giá giao dịch",
        "money",
    ),
    _c(
        "kỳ hạn|thời hạn|thời hạn vay|kỳ hạn vay|thời gian vay|trả góp|trả trong|term|loan term|"
        "tenor|over|trong vòng|trong",
        "term",
    ),
    _c(
        "mục đích|mục đích vay|vay để|dùng để|để|nhằm|purpose|loan purpose|vay cho việc|dùng vào|for|"
        "to",
        "select",
        "muc dich|purpose",
    ),
    _c("giới tính|gender|sex|phái", "select", "gioi tinh|gender"),
    _c(
        "tình trạng việc làm|việc làm|nghề nghiệp|công việc|employment|employment status|"
        "job status|occupation|hiện đang|hiện",
        "select",
        "viec lam|employment",
    ),
    _c(
        "tài sản|tài sản đảm bảo|tài sản thế chấp|thế chấp|đảm bảo|tsđb|loại tài sản|collateral|"
        "collateral type|secured by|security|thế chấp bằng|đảm bảo bằng",
        "select",
        "tai san|collateral",
    ),
    _c(
        "giá trị tài sản|trị giá|giá trị|định giá|tài sản trị giá|worth|valued at|collateral value|"
        "value|trị giá khoảng|giá trị khoảng",
        "money",
        "gia tri|value",
    ),
    _c(
        "mô tả tài sản|chi tiết tài sản|collateral description|thông tin tài sản",
        "free_text",
        "tai san|collateral",
    ),
    _c("mô tả|description|miêu tả|describe", "free_text", "mo ta|description"),
    _c(
        "ngày sinh|sinh ngày|sinh|dob|date of birth|born|born on|birthday|birth date|sn",
        "date",
        "sinh|birth",
    ),
    _c(
        "ngày đăng ký|đăng ký ngày|ngày nộp hồ sơ|application date|applied on|ngày làm hồ sơ|"
        "ngày mở hồ sơ",
        "date",
        "dang ky|application",
    ),
    _c(
        "ngày tương tác|ngày liên hệ|ngày gọi|interaction date|contacted on|ngày gặp|"
        "liên hệ ngày|gọi ngày",
        "date",
        "tuong tac|interaction",
    ),
    _c(
        "ngày theo dõi|theo dõi ngày|hẹn theo dõi|theo dõi lại|theo dõi vào|theo dõi vào ngày|"
        "hẹn gọi lại|gọi lại|liên hệ lại|follow up date|follow-up date|follow up on|"
        "follow-up on|hẹn ngày|hẹn lại",
        "date",
        "theo doi|follow",
    ),
    _c(
        "từ|từ ngày|bắt đầu|bắt đầu từ|ngày bắt đầu|nghỉ từ|from|start|starting|start date|"
        "starting on|begin|begins|bắt đầu ngày|kể từ",
        "date",
        "bat dau|start",
    ),
    _c(
        "đến|đến ngày|tới|tới ngày|kết thúc|ngày kết thúc|đến hết|đến hết ngày|to|until|till|"
        "through|end|end date|ending|ends|kết thúc ngày|hết ngày",
        "date",
        "ket thuc|end",
    ),
    _c(
        "ngày nộp|nộp ngày|ngày nộp đơn|ngày nộp báo cáo|submission date|submitted on|ngày gửi|"
        "ngày nộp bc",
        "date",
        "nop|submission",
    ),
    _c(
        "hạn chót|hạn|hạn nộp|deadline|sla|hạn sla|due|due date|thời hạn nộp|hạn cuối|"
        "hạn nộp báo cáo|due on",
        "date",
        "han chot|sla|deadline",
    ),
    _c(
        "ngày kiểm tra|kiểm tra ngày|review date|reviewed on|ngày rà soát|ngày duyệt",
        "date",
        "kiem tra|review",
    ),
    _c(
        "ngày giờ giao dịch|thời gian giao dịch|giao dịch lúc|giao dịch ngày|transaction date|"
        "transaction time|thời điểm giao dịch|thực hiện lúc|lúc|vào lúc|thời điểm|at",
        "datetime",
    ),
    _c("thời gian|giờ|lúc|vào lúc|khung giờ|time|at|time slot", "timeslot time"),
    _c(
        "thời lượng|kéo dài|mất|duration|lasted|call duration|thời gian gọi|trong|gọi trong|"
        "thời lượng cuộc gọi|lasting",
        "number",
        "thoi luong|duration|phut",
    ),
    _c(
        "số ngày|số ngày nghỉ|tổng số ngày|tổng cộng|days|number of days|total days|nghỉ",
        "number",
        "so ngay",
    ),
    _c(
        "lý do|vì|do|bởi vì|reason|because|because of|due to|lý do là|với lý do|since",
        "free_text short_text",
        "ly do|reason",
        "tu choi|that bai|reject|failure",
    ),
    _c(
        "lý do từ chối|từ chối vì|bị từ chối vì|rejection reason|rejected because|từ chối do",
        "free_text short_text",
        "tu choi|reject",
    ),
    _c(
        "lý do thất bại|thất bại do|thất bại vì|lỗi|lỗi do|failure reason|failed because|"
        "nguyên nhân thất bại|nguyên nhân|failed due to|bị lỗi",
        "free_text short_text",
        "that bai|failure",
    ),
    _c(
        "ghi chú|ghi chú thêm|note|notes|lưu ý|chú thích|thông tin thêm|bổ sung|additional notes|"
        "remark|remarks|ghi chú là|ghi chú kiểm tra|thêm ghi chú|nb|note that",
        "free_text short_text",
        "ghi chu|note",
    ),
    _c(
        "mô tả vấn đề|nội dung|chi tiết vấn đề|vấn đề là|description|issue description|details|"
        "chi tiết|vấn đề|problem",
        "free_text",
        "mo ta|description",
    ),
    _c(
        "danh mục|vấn đề|loại vấn đề|category|issue|issue category|danh mục vấn đề|về vấn đề|"
        "liên quan đến|liên quan|about",
        "select",
        "van de|issue|danh muc|category",
    ),
    _c(
        "trạng thái|tình trạng|status|trạng thái là|state",
        "select",
        "trang thai|status",
    ),
    _c(
        "trạng thái xử lý|xử lý|resolution|resolution status|tình trạng xử lý|kết quả xử lý",
        "select",
        "xu ly|resolution",
    ),
    _c(
        "chi tiết giải quyết|cách giải quyết|giải quyết|hướng xử lý|resolution details|solution|"
        "giải pháp|đã xử lý bằng cách|cách xử lý|resolved by|xử lý bằng cách",
        "free_text",
        "giai quyet|resolution",
    ),
    _c(
        "mức độ hài lòng|hài lòng|đánh giá|mức hài lòng|satisfaction|rating|rated|khách đánh giá|"
        "điểm hài lòng|satisfaction rating|chấm",
        "select",
        "hai long|satisfaction",
    ),
    _c(
        "cần theo dõi|theo dõi|theo dõi tiếp|cần theo dõi tiếp|follow up|follow-up|"
        "follow up required|needs follow up|needs follow-up|follow-up required|followup",
        "yesno",
        "theo doi|follow",
    ),
    _c("tags|tag|nhãn|gắn tag|gắn nhãn|label|labels|gắn thẻ", "tags free_text short_text", "tag"),
    _c(
        "loại tương tác|hình thức|hình thức liên hệ|kênh|qua|interaction type|channel|via|by",
        "select",
        "tuong tac|interaction",
    ),
    _c("kênh|kênh giao dịch|qua|tại|channel|via|through|kênh thực hiện", "select", "kenh|channel"),
    _c(
        "phòng ban|phòng|bộ phận|ban|khối|department|dept|team|division|thuộc phòng|thuộc",
        "select short_text",
        "phong ban|department",
    ),
    _c("chức vụ|vị trí|chức danh|position|job title|role", "short_text", "chuc vu|position"),
    _c(
        "loại đơn|loại yêu cầu|đơn|yêu cầu|xin|request type|request|làm đơn|đơn xin|muốn xin",
        "select",
        "loai don|request",
    ),
    _c(
        "loại nghỉ phép|loại nghỉ|nghỉ|leave type|type of leave|kiểu nghỉ|xin nghỉ",
        "select",
        "nghi phep|leave",
    ),
    _c(
        "trạng thái phê duyệt|phê duyệt|duyệt|approval|approval status",
        "select",
        "trang thai|status|approval",
    ),
    _c(
        "liên lạc|thông tin liên lạc|liên hệ khi nghỉ|liên lạc khi nghỉ|liên hệ|contact|"
        "contact during absence|reachable at|có thể liên hệ|liên lạc qua|liên hệ qua",
        "free_text short_text",
        "lien lac|contact",
    ),
    _c(
        "bàn giao|bàn giao công việc|bàn giao cho|người nhận bàn giao|handover|hand over|"
        "handing over|giao việc cho|giao lại cho",
        "free_text",
        "ban giao|handover",
    ),
    _c(
        "mã báo cáo|mã bc|số báo cáo|report id|report code|report number|mã số báo cáo",
        "code",
        "bao cao|report",
    ),
    _c("loại báo cáo|report type|loại bc|báo cáo loại", "select", "loai bao cao|report type"),
    _c(
        "tiêu đề|tiêu đề báo cáo|tên báo cáo|title|report title|tựa đề",
        "free_text short_text",
        "tieu de|title",
    ),
    _c(
        "số trường hợp|trường hợp|đã xem xét|xem xét|số hồ sơ|hồ sơ|số ca|cases|cases reviewed|"
        "reviewed|số vụ|hồ sơ đã xem xét|trường hợp đã xem xét",
        "number",
        "xem xet|reviewed",
    ),
    _c(
        "rủi ro cao|trường hợp rủi ro cao|ca rủi ro cao|high risk|high-risk|high risk cases|"
        "hồ sơ rủi ro cao|vụ rủi ro cao|trong đó rủi ro cao",
        "number",
        "rui ro cao|high risk",
    ),
    _c(
        "vi phạm|vi phạm phát hiện|phát hiện vi phạm|violations|violation|violations found|"
        "có vi phạm",
        "select",
        "vi pham|violation",
    ),
    _c(
        "chi tiết vi phạm|vi phạm gồm|violation details|cụ thể vi phạm|nội dung vi phạm|"
        "vi phạm cụ thể",
        "free_text",
        "chi tiet vi pham|violation detail",
    ),
    _c(
        "biện pháp đã áp dụng|đã áp dụng|hành động đã thực hiện|đã thực hiện|biện pháp xử lý|"
        "actions taken|biện pháp đã thực hiện|biện pháp|measures taken|action taken",
        "free_text",
        "da ap dung|actions taken",
    ),
    _c(
        "biện pháp phòng ngừa|phòng ngừa|ngăn ngừa|preventive measures|prevention|phòng tránh|"
        "preventive",
        "free_text",
        "phong ngua|preventive",
    ),
    _c(
        "mức độ rủi ro|mức rủi ro|rủi ro tổng thể|rủi ro|overall risk|risk level|risk|"
        "mức độ rủi ro tổng thể|đánh giá mức rủi ro",
        "select",
        "muc do rui ro|overall risk",
    ),
    _c("phân tích rủi ro|phân tích|risk analysis|analysis", "free_text", "phan tich|analysis"),
    _c(
        "tài liệu tham khảo|tham khảo|tài liệu|căn cứ|references|reference documents|reference|"
        "tài liệu đính kèm",
        "free_text",
        "tham khao|reference",
    ),
    _c(
        "tóm tắt|tóm tắt báo cáo|tóm lại|executive summary|summary",
        "free_text",
        "tom tat|summary",
    ),
    _c(
        "kiến nghị|đề xuất|khuyến nghị|đề nghị|recommendations|recommendation|recommend",
        "free_text",
        "kien nghi|recommendation",
    ),
    _c(
        "mã giao dịch|mã gd|số giao dịch|transaction id|txn|transaction code|mã tham chiếu|"
        "số tham chiếu|reference number|ref|giao dịch số|mã gdich",
        "code",
        "giao dich|transaction",
    ),
    _c(
        "loại giao dịch|giao dịch|transaction type|type|kiểu giao dịch",
        "select",
        "loai giao dich|transaction type",
    ),
    _c(
        "mô tả giao dịch|nội dung giao dịch|nội dung chuyển khoản|nội dung ck|nội dung|diễn giải|"
        "description|memo|transaction description",
        "free_text",
        "mo ta|description",
    ),
    _c(
        "hệ thống xử lý|hệ thống|xử lý qua|qua hệ thống|processing system|system|processed via|"
        "xử lý trên",
        "select",
        "he thong|system",
    ),
    _c(
        "kết quả kiểm tra|kết quả|check result|result|validation|validation result|kiểm tra thấy|"
        "đánh giá là",
        "select",
        "ket qua|result",
    ),
    _c(
        "vấn đề phát hiện|phát hiện|vấn đề|issues found|issues|problems found|phát hiện vấn đề",
        "free_text",
        "phat hien|issues",
    ),
    _c(
        "số dư trước|số dư trước giao dịch|số dư ban đầu|số dư đầu|trước giao dịch|balance before|"
        "opening balance|starting balance|số dư trước khi giao dịch|trước đó",
        "money",
        "truoc|before",
    ),
    _c(
        "số dư sau|số dư sau giao dịch|sau giao dịch|số dư còn lại|còn lại|balance after|"
        "closing balance|remaining balance|ending balance|số dư sau khi giao dịch|sau đó còn|còn",
        "money",
        "sau|after",
    ),
    _c(
        "trạng thái đối soát|đối soát|reconciliation|reconciliation status|kết quả đối soát",
        "select",
        "doi soat|reconciliation",
    ),
    _c(
        "điểm rủi ro|điểm gian lận|điểm|risk score|fraud score|score|chấm điểm",
        "number",
        "diem|score",
    ),
    _c(
        "dấu hiệu bất thường|dấu hiệu|bất thường|indicators|fraud indicators|red flags|red flag|"
        "dấu hiệu gian lận",
        "select",
        "dau hieu|indicator",
    ),
    _c(
        "chi tiết dấu hiệu gian lận|chi tiết gian lận|chi tiết dấu hiệu|fraud details|"
        "chi tiết bất thường",
        "free_text",
        "gian lan|fraud",
    ),
    _c(
        "hành động cần thiết|cần làm|hành động|cần thực hiện|action required|next action|action|"
        "actions needed|actions required|action needed|đề xuất xử lý|next steps|cần",
        "free_text",
        "hanh dong|action",
    ),
)

# Option synonyms by folded option label; they apply to any select with that label.
OPTION_SYNONYMS: dict[str, tuple[str, ...]] = {
    "nam": ("nam giới", "male", "man", "giới tính nam", "trai", "đàn ông"),
    "nu": ("nữ giới", "female", "woman", "giới tính nữ", "gái", "phụ nữ"),
    "khac": ("other", "khác", "loại khác"),
    "dang lam viec": (
        "đi làm",
        "đang đi làm",
        "làm công ăn lương",
        "nhân viên văn phòng",
        "employed",
        "working",
        "có việc làm",
        "full time",
        "full-time",
        "đang công tác",
        "làm việc",
    ),
    "tu kinh doanh": (
        "kinh doanh tự do",
        "tự doanh",
        "buôn bán",
        "self employed",
        "self-employed",
        "freelance",
        "freelancer",
        "chủ doanh nghiệp",
        "chủ cửa hàng",
        "hộ kinh doanh",
        "kinh doanh riêng",
        "business owner",
    ),
    "chua co viec lam": (
        "thất nghiệp",
        "không có việc",
        "chưa có việc",
        "không đi làm",
        "unemployed",
        "jobless",
        "chưa đi làm",
    ),
    "da nghi huu": ("nghỉ hưu", "hưu trí", "về hưu", "retired", "pensioner", "đã về hưu"),
    "tieu dung ca nhan": (
        "tiêu dùng",
        "cá nhân",
        "chi tiêu cá nhân",
        "personal",
        "consumer",
        "personal use",
        "mua sắm",
        "personal loan",
        "chi tiêu",
    ),
    "kinh doanh": (
        "vốn kinh doanh",
        "mở rộng kinh doanh",
        "business",
        "làm ăn",
        "bổ sung vốn",
        "sản xuất kinh doanh",
        "kinh doanh buôn bán",
    ),
    "hoc tap": ("du học", "học phí", "education", "study", "tuition", "đi học", "học"),
    "mua nha": (
        "mua căn hộ",
        "mua chung cư",
        "mua đất",
        "home",
        "buy a house",
        "house purchase",
        "home purchase",
        "mortgage",
        "buy a home",
        "buying a house",
        "mua nhà ở",
        "buy a flat",
        "buy an apartment",
    ),
    "mua xe": (
        "mua ô tô",
        "mua oto",
        "mua xe hơi",
        "mua xe máy",
        "car",
        "buy a car",
        "car loan",
        "vehicle purchase",
        "mua xế",
        "buying a car",
        "vehicle",
    ),
    "sua chua nha": (
        "sửa nhà",
        "cải tạo nhà",
        "renovation",
        "home renovation",
        "sửa sang nhà",
        "renovate",
        "nâng cấp nhà",
        "xây sửa nhà",
    ),
    "bat dong san": (
        "bđs",
        "nhà đất",
        "sổ đỏ",
        "sổ hồng",
        "real estate",
        "property",
        "căn hộ",
        "nhà",
        "đất",
        "quyền sử dụng đất",
        "house",
    ),
    "xe co": ("xe", "ô tô", "oto", "xe hơi", "xe máy", "vehicle", "car", "motorbike"),
    "chung khoan": ("cổ phiếu", "securities", "stocks", "shares", "trái phiếu", "stock"),
    "tien gui": (
        "sổ tiết kiệm",
        "tiết kiệm",
        "deposit",
        "savings",
        "tiền gửi tiết kiệm",
        "savings book",
        "hợp đồng tiền gửi",
    ),
    "khong co": (
        "không",
        "không có tài sản",
        "không thế chấp",
        "tín chấp",
        "none",
        "no collateral",
        "unsecured",
        "không có gì",
        "không có dấu hiệu",
        "no",
        "không có tài sản đảm bảo",
    ),
    "cuoc goi": (
        "gọi điện",
        "gọi điện thoại",
        "gọi",
        "call",
        "phone call",
        "qua điện thoại",
        "tổng đài",
        "điện thoại",
        "called",
        "gọi tới",
        "gọi đến",
    ),
    "email": (
        "qua email",
        "gửi mail",
        "gửi email",
        "qua mail",
        "by email",
        "via email",
        "e-mail",
        "gửi thư",
    ),
    "gap truc tiep": (
        "trực tiếp",
        "tại quầy",
        "đến chi nhánh",
        "tại chi nhánh",
        "visit",
        "in person",
        "in-person",
        "gặp mặt",
        "tới quầy",
        "đến quầy",
        "walk in",
        "walk-in",
        "đến ngân hàng",
        "ra quầy",
        "face to face",
        "gặp",
    ),
    "chat online": (
        "chat",
        "zalo",
        "messenger",
        "live chat",
        "online chat",
        "nhắn tin zalo",
        "chat qua app",
        "livechat",
        "nhắn tin",
    ),
    "sms": ("tin nhắn", "tin nhắn sms", "text message", "nhắn tin sms", "text"),
    "tai khoan": ("account", "mở tài khoản", "khóa tài khoản", "đóng tài khoản", "tk"),
    "the": (
        "thẻ tín dụng",
        "thẻ atm",
        "card",
        "credit card",
        "debit card",
        "thẻ ghi nợ",
        "mất thẻ",
        "khóa thẻ",
    ),
    "vay von": ("vay", "khoản vay", "loan", "vay tiền", "hồ sơ vay"),
    "giao dich": ("transaction", "chuyển khoản", "transfer", "chuyển tiền", "payment"),
    "khieu nai": ("phàn nàn", "complaint", "complain", "khiếu nại", "bức xúc"),
    "tu van thong tin": (
        "tư vấn",
        "thông tin",
        "hỏi thông tin",
        "information",
        "inquiry",
        "enquiry",
        "advice",
        "hỏi đáp",
        "hỏi",
        "tra cứu",
    ),
    "dich vu": ("service", "dịch vụ ngân hàng", "services"),
    "da giai quyet": (
        "giải quyết xong",
        "xong",
        "đã xử lý xong",
        "resolved",
        "solved",
        "done",
        "hoàn tất",
        "giải quyết",
        "đã xong",
        "xử lý xong",
    ),
    "dang xu ly": (
        "chưa xong",
        "chờ xử lý",
        "pending",
        "in progress",
        "processing",
        "đang giải quyết",
        "chưa giải quyết",
    ),
    "da chuyen len cap tren": (
        "chuyển cấp trên",
        "chuyển lên cấp trên",
        "escalate",
        "escalated",
        "chuyển lên",
        "báo cấp trên",
        "chuyển tuyến trên",
    ),
    "da huy": ("hủy", "huỷ", "cancelled", "canceled", "cancel", "bị hủy"),
    "rat hai long": ("very satisfied", "xuất sắc", "tuyệt vời", "excellent", "rất vui"),
    "hai long": ("satisfied", "tốt", "good", "happy", "khá hài lòng"),
    "binh thuong": ("neutral", "ok", "okay", "average", "tạm được", "tạm ổn", "trung bình"),
    "khong hai long": (
        "dissatisfied",
        "unsatisfied",
        "chưa hài lòng",
        "không vui",
        "unhappy",
        "không được hài lòng",
    ),
    "rat khong hai long": (
        "very dissatisfied",
        "rất tệ",
        "rất tức giận",
        "rất bức xúc",
        "rất không vui",
        "very unhappy",
        "cực kỳ không hài lòng",
    ),
    "co": ("có", "yes", "cần", "y", "có cần"),
    "khong": ("không", "no", "ko", "không cần", "n", "k"),
    "retail lending": ("tín dụng bán lẻ", "cho vay bán lẻ", "retail", "bán lẻ", "khcn"),
    "customer service": (
        "chăm sóc khách hàng",
        "cskh",
        "dịch vụ khách hàng",
        "customer care",
        "cs",
    ),
    "human resources": ("nhân sự", "hr", "phòng nhân sự", "tổ chức cán bộ", "hcns"),
    "risk compliance": (
        "rủi ro",
        "tuân thủ",
        "quản trị rủi ro",
        "pháp chế",
        "risk",
        "compliance",
        "rủi ro và tuân thủ",
        "quản lý rủi ro",
    ),
    "operations": ("vận hành", "ops", "tác nghiệp", "hỗ trợ", "back office"),
    "it": ("công nghệ thông tin", "cntt", "công nghệ", "tech", "information technology"),
    "finance": ("tài chính", "kế toán", "accounting", "tài chính kế toán", "ngân quỹ"),
    "marketing": ("tiếp thị", "truyền thông", "mkt"),
    "sales": ("bán hàng", "kinh doanh", "sale", "phát triển kinh doanh"),
    "nghi phep": ("xin nghỉ", "nghỉ", "leave", "time off", "day off", "xin nghỉ phép", "nghỉ phép"),
    "cong tac": ("đi công tác", "business trip", "travel", "work trip", "công tác"),
    "dao tao": ("khóa học", "training", "tập huấn", "học", "course", "đi học"),
    "yeu cau trang thiet bi": (
        "trang thiết bị",
        "thiết bị",
        "máy tính",
        "laptop",
        "equipment",
        "cấp máy",
        "xin thiết bị",
        "màn hình",
    ),
    "hoan ung chi phi": (
        "hoàn ứng",
        "thanh toán chi phí",
        "hoàn tiền chi phí",
        "reimbursement",
        "expense",
        "expenses",
        "claim",
        "hoàn chi phí",
    ),
    "xin giay xac nhan": (
        "giấy xác nhận",
        "certificate",
        "xác nhận công tác",
        "xác nhận thu nhập",
        "xin xác nhận",
        "confirmation letter",
    ),
    "xin nghi viec": (
        "nghỉ việc",
        "thôi việc",
        "resignation",
        "resign",
        "quit",
        "xin thôi việc",
        "nghỉ làm",
    ),
    "nghi phep nam": (
        "phép năm",
        "annual leave",
        "annual",
        "nghỉ phép thường niên",
        "nghỉ năm",
        "phép",
    ),
    "nghi om": ("ốm", "bị ốm", "sick", "sick leave", "nghỉ bệnh", "bệnh", "khám bệnh", "ốm đau"),
    "nghi ca nhan": (
        "việc riêng",
        "cá nhân",
        "personal",
        "personal leave",
        "việc gia đình",
        "nghỉ việc riêng",
        "lý do cá nhân",
    ),
    "nghi khong luong": ("không lương", "unpaid", "unpaid leave", "nghỉ không hưởng lương"),
    "nghi thai san": ("thai sản", "sinh con", "maternity", "maternity leave", "sinh em bé"),
    "nghi cham con": (
        "chăm con",
        "vợ sinh",
        "paternity",
        "paternity leave",
        "chăm con nhỏ",
        "vợ sinh con",
    ),
    "nghi cuoi": ("cưới", "đám cưới", "kết hôn", "wedding", "marriage", "lấy vợ", "lấy chồng"),
    "nghi tang": ("tang", "đám tang", "đám ma", "funeral", "bereavement", "hiếu", "việc hiếu"),
    "cho phe duyet": ("chờ duyệt", "pending", "đang chờ", "chưa duyệt", "waiting"),
    "da phe duyet": ("đã duyệt", "phê duyệt", "approved", "duyệt", "chấp thuận", "đồng ý"),
    "tu choi": ("bị từ chối", "rejected", "reject", "không duyệt", "không đồng ý", "declined"),
    "aml anti money laundering": (
        "aml",
        "chống rửa tiền",
        "phòng chống rửa tiền",
        "anti money laundering",
        "rửa tiền",
    ),
    "kyc know your customer": ("kyc", "định danh khách hàng", "know your customer", "ekyc"),
    "danh gia rui ro": ("risk assessment", "đánh giá rủi ro"),
    "kiem toan noi bo": ("kiểm toán", "audit", "internal audit", "kiểm toán nội bộ"),
    "bao cao dinh ky nhnn": (
        "định kỳ",
        "nhnn",
        "ngân hàng nhà nước",
        "regulatory",
        "báo cáo định kỳ",
        "báo cáo nhnn",
        "regulatory report",
    ),
    "phat hien gian lan": ("gian lận", "fraud", "fraud detection", "phát hiện gian lận"),
    "dang thuc hien": ("đang làm", "in progress", "ongoing", "đang tiến hành", "chưa xong"),
    "hoan thanh": (
        "xong",
        "completed",
        "done",
        "đã hoàn thành",
        "complete",
        "hoàn tất",
        "thành công",
        "successful",
        "success",
    ),
    "dang xem xet": ("under review", "đang duyệt", "chờ duyệt", "đang review", "in review"),
    "khong co vi pham": (
        "không vi phạm",
        "không phát hiện vi phạm",
        "no violation",
        "no violations",
        "none",
        "không có",
        "không",
        "không có sai phạm",
    ),
    "vi pham nho": (
        "nhỏ",
        "minor",
        "minor violation",
        "minor violations",
        "nhẹ",
        "vi phạm nhẹ",
        "sai sót nhỏ",
    ),
    "vi pham nghiem trong": (
        "nghiêm trọng",
        "major",
        "serious",
        "lớn",
        "major violation",
        "major violations",
        "serious violations",
        "vi phạm lớn",
        "serious violation",
    ),
    "thap": ("low", "rủi ro thấp", "thấp"),
    "trung binh": ("medium", "vừa", "rủi ro trung bình", "moderate", "trung bình"),
    "cao": ("high", "rủi ro cao", "cao"),
    "nghiem trong": ("critical", "rất cao", "rủi ro nghiêm trọng", "severe", "nghiêm trọng"),
    "gui tien": ("nộp tiền", "deposit", "nạp tiền", "gửi tiền"),
    "rut tien": ("withdrawal", "withdraw", "rút", "rút tiền mặt", "withdrew"),
    "chuyen khoan": (
        "chuyển tiền",
        "transfer",
        "ck",
        "wire",
        "bank transfer",
        "chuyển khoản",
        "chuyển",
        "transferred",
    ),
    "thanh toan": ("payment", "pay", "trả tiền", "thanh toán hóa đơn", "bill payment"),
    "giai ngan vay": ("giải ngân", "disbursement", "loan disbursement", "giải ngân khoản vay"),
    "tra no vay": ("trả nợ", "trả góp", "loan payment", "repayment", "trả nợ khoản vay"),
    "thu phi": ("phí", "fee", "charge", "thu phí dịch vụ", "phí dịch vụ"),
    "hoan tien": ("refund", "hoàn trả", "trả lại tiền", "hoàn lại tiền"),
    "chi nhanh": ("tại quầy", "quầy", "branch", "phòng giao dịch", "tại chi nhánh", "counter"),
    "atm": ("cây atm", "máy atm", "atm"),
    "online banking": (
        "internet banking",
        "ngân hàng trực tuyến",
        "online",
        "web",
        "ib",
        "ebanking",
    ),
    "mobile banking": (
        "mobile",
        "app",
        "ứng dụng",
        "smart banking",
        "vpbank neo",
        "neo",
        "điện thoại",
        "mobile app",
        "app ngân hàng",
    ),
    "pos": ("máy pos", "quẹt thẻ", "pos"),
    "diem giao dich": ("đại lý", "agent", "điểm giao dịch", "agent point"),
    "that bai": ("lỗi", "không thành công", "failed", "fail", "error", "thất bại"),
    "da dao nguoc": ("đảo ngược", "reversed", "reversal", "đảo giao dịch"),
    "core banking": ("core", "corebanking", "t24", "core banking"),
    "payment gateway": ("cổng thanh toán", "gateway", "payment gateway"),
    "napas": ("napas",),
    "swift": ("swift",),
    "hop le": ("valid", "ok", "đạt", "hợp lệ"),
    "khong hop le": ("invalid", "sai", "không hợp lệ", "không đạt"),
    "can xem xet": (
        "cần kiểm tra lại",
        "needs review",
        "need review",
        "xem xét thêm",
        "cần xem xét lại",
        "review",
        "cần review",
    ),
    "nghi ngo": ("đáng ngờ", "suspicious", "khả nghi", "nghi vấn", "nghi ngờ gian lận"),
    "khop": ("trùng khớp", "matched", "match", "khớp đúng", "khớp"),
    "khong khop": ("lệch", "sai lệch", "mismatched", "mismatch", "không khớp", "chênh lệch"),
    "dang kiem tra": ("chưa đối soát", "pending", "đang đối soát", "đang kiểm tra"),
    "tan suat cao": (
        "tần suất",
        "nhiều giao dịch liên tiếp",
        "velocity",
        "high frequency",
        "giao dịch dồn dập",
        "liên tục",
    ),
    "so tien bat thuong": ("số tiền lớn bất thường", "unusual amount", "amount", "số tiền lớn"),
    "vi tri la": ("địa điểm lạ", "vị trí bất thường", "location", "unusual location", "nước ngoài"),
    "mau giao dich la": ("hành vi lạ", "pattern", "unusual pattern", "mẫu lạ", "giao dịch lạ"),
    "nhieu dau hieu": ("multiple", "nhiều", "multiple indicators", "nhiều dấu hiệu bất thường"),
}

# Option phrases too short or too common to fill a field without the field being named nearby.
GENERIC_OPTION_PHRASES = frozenset(
    p.strip()
    for p in """co|khong|khac|other|none|yes|no|ok|okay|tot|good|dat|sai|loi|xong|done|thap|cao|y|n|
    k|khong co|binh thuong|vua|nho|lon|nhe|xe|the|email|online|mobile|app|tk|cs|it|hr|sale|
    text|web|ib|neo|core|gap|hoc|tang|cuoi|hieu|om|phi|quay|call|gui|nghi|phep|vay|
    chi tieu|ca nhan|home|house|car|vehicle|high|low|medium|critical|pending|review|minor|major|
    serious|amount|location|pattern|multiple|nha|tiet kiem|personal|business|trung binh|
    nghiem trong|tu van|thong tin|thiet bi|cong tac|dich vu|service|account|card|loan|
    transaction|information|tai khoan|giao dich|risk|compliance|dien thoai|truc tiep|
    giai quyet|huy|duyet|phe duyet|xac nhan|dinh ky|gian lan|rui ro|tan suat|lien tuc|nhieu|ck|
    rut|charge|pay|tin nhan|nhan tin|training|ops|
    xu ly|hop le|valid|khop|match|nho|lon|kiem toan|audit|hoi|tra cuu|claim|expense|
    expenses|
    agent|
    counter|error|
    waiting|
    processing|in progress|happy|unhappy|
    neutral|average|""".split("|")
    if p.strip()
)
