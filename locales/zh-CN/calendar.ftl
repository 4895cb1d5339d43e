# 节假日日历：data/calendar 文件、国务院节假日安排通知（gongshi calendar add）、日期。
