// The dashboard's webhooks strings in Arabic: endpoints, secrets, the delivery log (spread into ar.ts).
import type { enWebhooks } from './en-webhooks.ts';

export const arWebhooks: Readonly<Record<keyof typeof enWebhooks, string>> = {
  'dash.webhooks.title': 'Webhooks',
  'dash.webhooks.back': 'جميع نقاط نهاية webhook',
  'dash.webhooks.surface.poy': 'واجهة POY API',
  'dash.webhooks.surface.connect': 'واجهة Connect API',
  'dash.webhooks.status.pending': 'قيد الانتظار',
  'dash.webhooks.status.succeeded': 'تم التسليم',
  'dash.webhooks.status.failed': 'فشل',
  'dash.webhooks.enabled.yes': 'مفعّلة',
  'dash.webhooks.enabled.no': 'معطّلة',
  'dash.webhooks.events.all': 'جميع الأحداث، بما فيها الأنواع التي تُضاف لاحقًا',
  'dash.webhooks.latencyMs': '{ms} مللي ثانية',

  'dash.webhooks.list.intro':
    'تُرسَل أحداث هذا المشروع في هذا الوضع إلى عناوين URL هذه، موقّعةً بسرّ لا يعرفه سواك وPOY. لوضعَي الاختبار والإنتاج نقاط نهاية منفصلة.',
  'dash.webhooks.list.heading': 'نقاط النهاية',
  'dash.webhooks.list.caption': 'نقاط نهاية webhook',
  'dash.webhooks.list.empty': 'لا توجد نقاط نهاية webhook في هذا الوضع بعد.',
  'dash.webhooks.list.surface': 'API',
  'dash.webhooks.list.url': 'URL',
  'dash.webhooks.list.events': 'الأحداث',
  'dash.webhooks.list.enabled': 'الحالة',
  'dash.webhooks.list.health': 'السلامة',
  'dash.webhooks.list.links': 'الروابط',
  'dash.webhooks.list.details': 'التفاصيل',
  'dash.webhooks.list.deliveries': 'عمليات التسليم',

  'dash.webhooks.health.healthy': 'سليمة',
  'dash.webhooks.health.failing': 'متعثّرة',
  'dash.webhooks.health.failingSince': 'فشلت كل المحاولات منذ',
  'dash.webhooks.health.disabled': 'عطّلها عضو أو API',
  'dash.webhooks.health.disabledFailing': 'عُطّلت بعد 5 أيام من عمليات التسليم الفاشلة',
  'dash.webhooks.health.recent': 'آخر 24 ساعة: {succeeded} تم تسليمها، {failed} فشلت، {pending} قيد الانتظار',
  'dash.webhooks.health.noRecent': 'لا عمليات تسليم في آخر 24 ساعة',

  'dash.webhooks.create.heading': 'إضافة نقطة نهاية',
  'dash.webhooks.edit.heading': 'تعديل نقطة النهاية هذه',
  'dash.webhooks.form.fix': 'يُرجى تصحيح ما يلي:',
  'dash.webhooks.form.surface': 'API',
  'dash.webhooks.form.url': 'URL',
  'dash.webhooks.form.urlHint': 'عنوان http أو https لخادمك، بلا اسم مستخدم أو كلمة مرور.',
  'dash.webhooks.form.events': 'الأحداث',
  'dash.webhooks.form.eventsHint':
    'واجهة POY API: اترك كل المربعات فارغة لتلقّي جميع الأحداث، بما فيها الأنواع التي تُضاف لاحقًا. واجهة Connect API: اختر حدثًا واحدًا على الأقل؛ يُرسَل كل حدث مختار إلى عنوان URL هذا (بدلًا من العنوان الذي كان له).',
  'dash.webhooks.form.poyEventsHint':
    'اترك كل المربعات فارغة لتلقّي جميع الأحداث، بما فيها الأنواع التي تُضاف لاحقًا.',
  'dash.webhooks.form.poyEvents': 'أحداث واجهة POY API',
  'dash.webhooks.form.connectEvents': 'أحداث واجهة Connect API',
  'dash.webhooks.form.enabled': 'مفعّلة (نقطة النهاية المعطّلة تُبقي عمليات تسليمها في الانتظار)',
  'dash.webhooks.form.create': 'إضافة نقطة النهاية',
  'dash.webhooks.form.save': 'حفظ التغييرات',

  'dash.webhooks.error.surface': 'اختر واجهة POY API أو واجهة Connect API.',
  'dash.webhooks.error.url': 'أدخل عنوان URL الذي تُرسَل إليه الأحداث (2048 حرفًا على الأكثر).',
  'dash.webhooks.error.urlRefused': 'لا يمكن لعنوان URL هذا تلقّي webhooks: {reason}.',
  'dash.webhooks.error.eventUnknown': 'اختر الأحداث من القائمة.',
  'dash.webhooks.error.eventsOtherSurface': 'اختر أحداث {surface} فقط.',
  'dash.webhooks.error.connectEvents': 'اختر حدثًا واحدًا على الأقل من أحداث واجهة Connect API.',
  'dash.webhooks.error.date': 'أدخل تاريخًا بالصيغة YYYY-MM-DD.',
  'dash.webhooks.error.dateRequired': 'أدخل تاريخًا.',
  'dash.webhooks.error.dateOrder': 'يجب ألا يكون التاريخ الأول بعد التاريخ الأخير.',
  'dash.webhooks.error.endpoint': 'اختر نقطة نهاية من القائمة.',
  'dash.webhooks.error.status': 'اختر حالة من القائمة.',
  'dash.webhooks.error.before': 'رابط الصفحة هذا لم يعد يعمل: ابدأ من جديد من أحدث عمليات التسليم.',

  'dash.webhooks.notice.created': 'أُضيفت نقطة النهاية.',
  'dash.webhooks.notice.saved': 'حُفظت التغييرات.',
  'dash.webhooks.notice.deleted': 'حُذفت نقطة النهاية مع سجل عمليات التسليم الخاص بها.',
  'dash.webhooks.notice.testSent':
    'أُدرج حدث الاختبار في قائمة الانتظار. يُوقَّع ويُسلَّم كأي حدث آخر؛ أعد تحميل الصفحة لرؤية محاولاته.',
  'dash.webhooks.notice.replayed':
    'أُدرج التسليم في قائمة الانتظار مجددًا، بنفس webhook-id ونفس المحتوى. أعد تحميل الصفحة لرؤية المحاولة الجديدة.',
  'dash.webhooks.notice.replayedFailed':
    'عمليات التسليم الفاشلة التي أُعيد إدراجها في قائمة الانتظار: {count}.',

  'dash.webhooks.secret.revealHeading': 'سرّ توقيع جديد لـ {subject}',
  'dash.webhooks.secret.connectSubject': 'وجهات واجهة Connect API في هذا المشروع',
  'dash.webhooks.secret.revealOnce':
    'انسخه الآن واحفظه على خادمك: لن يُعرض إلا هذه المرة. يستخدمه المستقبِل لديك للتحقق من أن كل حدث صادر عن POY.',
  'dash.webhooks.secret.copy': 'نسخ',
  'dash.webhooks.secret.copied': 'تم النسخ',

  'dash.webhooks.connectSecret.heading': 'سرّ توقيع واجهة Connect API',
  'dash.webhooks.connectSecret.explain':
    'تُوقَّع جميع وجهات واجهة Connect API في هذا المشروع في هذا الوضع بهذا السرّ الواحد. يُعرض عند إنشائه وعند تدويره، ولا يُعرض في غير ذلك أبدًا؛ بعد التدوير يواصل السرّ السابق التوقيع بالتوازي لمدة 24 ساعة.',
  'dash.webhooks.connectSecret.none': 'لا يوجد سرّ بعد: يُنشأ مع أول وجهة لواجهة Connect API.',
  'dash.webhooks.connectSecret.created': 'تاريخ الإنشاء',
  'dash.webhooks.connectSecret.rotated': 'آخر تدوير',
  'dash.webhooks.connectSecret.create': 'إنشاء السرّ',
  'dash.webhooks.connectSecret.rotate': 'تدوير السرّ',
  'dash.webhooks.connectSecret.rotateConfirm':
    'استبدال سرّ توقيع واجهة Connect API؟ سيواصل السرّ الحالي التوقيع لمدة 24 ساعة.',

  'dash.webhooks.endpoint.title': 'نقطة نهاية webhook',
  'dash.webhooks.endpoint.id': 'المعرّف',
  'dash.webhooks.endpoint.created': 'تاريخ الإنشاء',
  'dash.webhooks.endpoint.updated': 'آخر تعديل',
  'dash.webhooks.endpoint.previousSecret': 'يواصل السرّ السابق التوقيع حتى',
  'dash.webhooks.endpoint.recentHeading': 'عمليات التسليم الأخيرة',
  'dash.webhooks.endpoint.allDeliveries': 'جميع عمليات التسليم لنقطة النهاية هذه',
  'dash.webhooks.endpoint.secretHeading': 'سرّ التوقيع',
  'dash.webhooks.endpoint.secretExplain':
    'عُرض السرّ مرة واحدة عند إضافة نقطة النهاية. يعرض التدوير سرًّا جديدًا مرة واحدة؛ ويواصل السابق التوقيع بالتوازي معه لمدة 24 ساعة.',
  'dash.webhooks.endpoint.connectSecret': 'تُوقَّع وجهات واجهة Connect API بسرّ المشروع:',
  'dash.webhooks.endpoint.rotate': 'تدوير السرّ',
  'dash.webhooks.endpoint.rotateConfirm':
    'استبدال سرّ توقيع نقطة النهاية هذه؟ سيواصل السرّ الحالي التوقيع لمدة 24 ساعة.',

  'dash.webhooks.test.heading': 'إرسال حدث اختبار',
  'dash.webhooks.test.explainPoy':
    'يرسل حدث webhook.test إلى نقطة النهاية هذه فقط، موقّعًا وتُعاد محاولته كأي حدث آخر.',
  'dash.webhooks.test.explainConnect':
    'يرسل حدث WEBHOOK_TEST إلى هذه الوجهة فقط، موقّعًا وتُعاد محاولته كأي حدث آخر.',
  'dash.webhooks.test.send': 'إرسال حدث الاختبار',

  'dash.webhooks.delete.heading': 'حذف نقطة النهاية هذه',
  'dash.webhooks.delete.explain': 'لن تُرسَل إليها أحداث بعد الآن، ويُحذف سجل عمليات التسليم الخاص بها معها.',
  'dash.webhooks.delete.confirm': 'حذف نقطة النهاية {url} وسجل عمليات التسليم الخاص بها؟',
  'dash.webhooks.delete.submit': 'حذف نقطة النهاية',

  'dash.webhooks.deliveries.title': 'عمليات التسليم',
  'dash.webhooks.deliveries.intro':
    'كل حدث أُرسل إلى نقاط نهاية هذا المشروع في هذا الوضع، الأحدث أولًا، مع كل محاولة. التواريخ بتوقيت UTC.',
  'dash.webhooks.deliveries.heading': 'سجل عمليات التسليم',
  'dash.webhooks.deliveries.caption': 'عمليات تسليم webhook',
  'dash.webhooks.deliveries.none': 'لا توجد عمليات تسليم مطابقة.',
  'dash.webhooks.deliveries.created': 'تاريخ الإنشاء',
  'dash.webhooks.deliveries.event': 'الحدث',
  'dash.webhooks.deliveries.endpoint': 'نقطة النهاية',
  'dash.webhooks.deliveries.status': 'الحالة',
  'dash.webhooks.deliveries.attempts': 'المحاولات',
  'dash.webhooks.deliveries.lastStatus': 'آخر حالة HTTP',
  'dash.webhooks.deliveries.latency': 'زمن الاستجابة',
  'dash.webhooks.deliveries.links': 'الروابط',
  'dash.webhooks.deliveries.view': 'التفاصيل',
  'dash.webhooks.deliveries.older': 'عمليات تسليم أقدم',
  'dash.webhooks.deliveries.back': 'سجل عمليات التسليم',

  'dash.webhooks.filters.heading': 'عوامل التصفية',
  'dash.webhooks.filters.allEndpoints': 'جميع نقاط النهاية',
  'dash.webhooks.filters.allEvents': 'جميع الأحداث',
  'dash.webhooks.filters.allStatuses': 'جميع الحالات',
  'dash.webhooks.filters.from': 'من (تاريخ UTC)',
  'dash.webhooks.filters.to': 'إلى (تاريخ UTC، ضمنًا)',
  'dash.webhooks.filters.apply': 'تصفية',
  'dash.webhooks.filters.clear': 'مسح عوامل التصفية',

  'dash.webhooks.replayFailed.heading': 'إعادة إرسال عمليات التسليم الفاشلة',
  'dash.webhooks.replayFailed.explain':
    'يُعاد فورًا إرسال كل عملية تسليم فاشلة أُنشئت بين هذين التاريخين (UTC، كلاهما ضمنًا)، بنفس webhook-id ونفس المحتوى.',
  'dash.webhooks.replayFailed.confirm': 'إعادة إرسال كل عمليات التسليم الفاشلة في هذه التواريخ؟',
  'dash.webhooks.replayFailed.submit': 'إعادة إرسال عمليات التسليم الفاشلة',

  'dash.webhooks.delivery.title': 'عملية التسليم',
  'dash.webhooks.delivery.id': 'المعرّف (webhook-id)',
  'dash.webhooks.delivery.completed': 'تاريخ الانتهاء',
  'dash.webhooks.delivery.nextAttempt': 'المحاولة التالية',
  'dash.webhooks.delivery.body': 'المحتوى المُرسَل',
  'dash.webhooks.replay.submit': 'إعادة الإرسال',
  'dash.webhooks.replay.explain': 'يعيد إرسالها فورًا، بنفس webhook-id ونفس المحتوى.',

  'dash.webhooks.attempts.heading': 'المحاولات',
  'dash.webhooks.attempts.none': 'لم تُجرَ أي محاولة بعد.',
  'dash.webhooks.attempts.number': 'المحاولة',
  'dash.webhooks.attempts.time': 'الوقت',
  'dash.webhooks.attempts.httpStatus': 'حالة HTTP',
  'dash.webhooks.attempts.error': 'الخطأ',
  'dash.webhooks.attempts.response': 'الاستجابة (البايتات الأولى)',
};
