// The dashboard's auth strings in Arabic: sign-in, one-time links, sessions, refusals (spread into ar.ts).
import type { enAuth } from './en-auth.ts';

export const arAuth: Readonly<Record<keyof typeof enAuth, string>> = {
  'dash.auth.refusal.badRequest.title': 'تعذّر استخدام هذا الطلب',
  'dash.auth.refusal.badRequest.body': 'كان فيه شيء ناقص أو غير صالح. ارجع وحاول مرة أخرى.',
  'dash.auth.refusal.signedOut.title': 'لقد سُجّل خروجك',
  'dash.auth.refusal.signedOut.body':
    'انتهت جلستك (تنتهي صلاحيتها بعد 30 دقيقة من عدم الاستخدام، وبعد 12 ساعة). سجّل الدخول مرة أخرى.',
  'dash.auth.refusal.forbidden.title': 'غير مسموح',
  'dash.auth.refusal.forbidden.body': 'دورك في هذا الحساب لا يسمح بذلك. اطلب ذلك من مالك أو مسؤول.',
  'dash.auth.refusal.forgery.title': 'رُفض الطلب',
  'dash.auth.refusal.forgery.body':
    'لم يصدر هذا الطلب عن صفحة من صفحات لوحة التحكم التي أرسلناها إليك، لذا لم يتغيّر شيء. أعد تحميل الصفحة وحاول مرة أخرى.',
  'dash.auth.refusal.notFound.title': 'غير موجود',
  'dash.auth.refusal.notFound.body': 'لا يوجد شيء هنا، أو أنه يخص حسابًا آخر.',
  'dash.auth.refusal.tooMany.title': 'محاولات كثيرة جدًا',
  'dash.auth.refusal.tooMany.body': 'انتظر بضع دقائق ثم حاول مرة أخرى.',
  'dash.auth.refusal.internal.title': 'حدث خطأ ما',
  'dash.auth.refusal.internal.body': 'سُجّلت المشكلة. حاول مرة أخرى بعد قليل.',

  'dash.auth.noscript': 'تتطلب مفاتيح المرور JavaScript. فعّلها، أو افتح هذه الصفحة في متصفح آخر.',
  'dash.auth.login.title': 'تسجيل الدخول إلى لوحة التحكم',
  'dash.auth.login.intro':
    'استخدم مفتاح المرور الذي أنشأته عند فتح رابط تسجيل الدخول أو رابط الدعوة. لا كلمة مرور ولا اسم مستخدم.',
  'dash.auth.login.button': 'تسجيل الدخول بمفتاح مرور',
  'dash.auth.login.noPasskey':
    'ليس لديك مفتاح مرور بعد؟ اطلب رابط دعوة من مالك حسابك أو من أحد مسؤوليه. على خادم جديد، استخدم رابط تسجيل الدخول الذي طبعه عند تشغيله لأول مرة.',
  'dash.auth.login.signedOut': 'لقد سُجّل خروجك.',

  'dash.auth.link.title': 'الانضمام إلى {accountName}',
  'dash.auth.link.firstOwnerIntro':
    'أنت المالك الأول لـ {accountName}. أدخل اسمك وأنشئ مفتاح مرور: به ستسجّل الدخول من الآن فصاعدًا.',
  'dash.auth.link.inviteIntro':
    'أنت مدعو إلى {accountName} بدور {role}. أدخل اسمك وأنشئ مفتاح مرور: به ستسجّل الدخول من الآن فصاعدًا.',
  'dash.auth.link.expiresAt': 'يعمل هذا الرابط مرة واحدة، حتى {time}.',
  'dash.auth.link.nameLabel': 'اسمك',
  'dash.auth.link.nameHint': 'يراه فريقك، ويدوّنه سجل التدقيق بجانب كل ما تقوم به.',
  'dash.auth.link.button': 'إنشاء مفتاح مرور وتسجيل الدخول',
  'dash.auth.link.unknown.title': 'هذا الرابط لا يعمل',
  'dash.auth.link.unknown.body': 'ربما كُتب بشكل خاطئ. اطلب رابطًا جديدًا ممن أرسله إليك.',
  'dash.auth.link.used.title': 'سبق استخدام هذا الرابط',
  'dash.auth.link.used.body':
    'يعمل الرابط مرة واحدة فقط. إن كنت قد أنشأت به مفتاح مرور، فسجّل الدخول بذلك المفتاح؛ وإلا فاطلب دعوة جديدة.',
  'dash.auth.link.expired.title': 'انتهت صلاحية هذا الرابط',
  'dash.auth.link.expired.body': 'اطلب دعوة جديدة من مالك الحساب أو من أحد مسؤوليه.',

  'dash.auth.ceremony.challengeInvalid':
    'استغرق طلب مفتاح المرور وقتًا طويلًا جدًا أو سبقت الإجابة عنه. حاول مرة أخرى.',
  'dash.auth.ceremony.passkeyInvalid': 'تعذّر التحقق من مفتاح المرور. حاول مرة أخرى.',
  'dash.auth.ceremony.passkeyUnknown':
    'مفتاح المرور هذا غير مسجّل في لوحة التحكم هذه. استخدم المفتاح الذي أنشأته برابطك، أو اطلب دعوة.',
  'dash.auth.ceremony.credentialExists': 'مفتاح المرور هذا مسجّل هنا بالفعل. سجّل الدخول به بدلًا من ذلك.',
  'dash.auth.ceremony.memberRemoved': 'لم تعد عضوًا في هذا الحساب.',

  'dash.auth.client.waiting': 'في انتظار مفتاح المرور…',
  'dash.auth.client.signedIn': 'تم تسجيل الدخول. جارٍ فتح لوحة التحكم…',
  'dash.auth.client.cancelled': 'أُغلق طلب مفتاح المرور. حاول مرة أخرى عندما تكون مستعدًا.',
  'dash.auth.client.alreadyRegistered':
    'لدى هذا الجهاز مفتاح مرور للوحة التحكم هذه بالفعل. سجّل الدخول به بدلًا من ذلك.',
  'dash.auth.client.unsupported':
    'لا يدعم هذا المتصفح مفاتيح المرور. استخدم إصدارًا حديثًا من Chrome أو Edge أو Firefox أو Safari.',
  'dash.auth.client.nameRequired': 'أدخل اسمك.',
  'dash.auth.client.network': 'تعذّر الوصول إلى الخادم. تحقّق من اتصالك وحاول مرة أخرى.',
  'dash.auth.client.failed': 'لم ينجح ذلك. حاول مرة أخرى.',

  'dash.auth.security.title': 'الجلسات',
  'dash.auth.security.intro':
    'الأماكن التي سجّلت الدخول فيها. تنتهي الجلسة بعد 30 دقيقة من عدم الاستخدام، وبعد 12 ساعة من تسجيل الدخول.',
  'dash.auth.security.caption': 'جلساتك',
  'dash.auth.security.col.browser': 'المتصفح',
  'dash.auth.security.col.started': 'تسجيل الدخول',
  'dash.auth.security.col.lastSeen': 'آخر استخدام',
  'dash.auth.security.thisSession': 'هذه الجلسة',
  'dash.auth.security.unknownBrowser': 'متصفح غير معروف',
  'dash.auth.security.signOutHeading': 'تسجيل الخروج',
  'dash.auth.security.signOut': 'تسجيل الخروج من هذه الجلسة',
  'dash.auth.security.signOutEverywhere': 'تسجيل الخروج من كل مكان',
  'dash.auth.security.signOutEverywhereHint':
    'ينهي جميع جلساتك على جميع الأجهزة، بما فيها هذه الجلسة. استخدمه إذا فقدت جهازًا أو سجّلت الدخول على حاسوب مشترك.',
  'dash.auth.security.confirmEverywhere': 'تسجيل الخروج من جميع الجلسات، على جميع الأجهزة؟',
};
