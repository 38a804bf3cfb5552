"""The Spanish catalogue, continued: who may edit, serving to a room, copies, restores, schema
versions and the server's log. ``hdras.core.messages.MESSAGES`` merges these entries; use ``msg`` as for any
other message. The entries live in a file of their own so that no module grows past 450 lines."""

from __future__ import annotations

ADMIN_MESSAGES: dict[str, str] = {
    # Editors (design §8, hdras.admin.auth)
    "auth.local_mode": "Modo local de un solo usuario: sin contraseña de editor configurada, "
                       "quien use este equipo puede cargar y revertir datos.",
    "auth.signed_in": "Editor: {name}",
    "auth.reader": "Lectura: inicie sesión como editor para cargar o revertir datos.",
    "auth.wrong_password": "Contraseña incorrecta.",
    "auth.locked": "Demasiados intentos fallidos; espere {seconds} s.",
    "auth.name_required": "Escriba su nombre: queda registrado en cada lote que importe.",
    "auth.editor_required": "Solo los editores pueden {action}. Inicie sesión en la barra lateral.",
    "auth.bad_hash": "El hash de la contraseña de editor no tiene el formato esperado "
                     "(scrypt$n$r$p$sal$hash); genérelo con `python -m hdras hash-password`.",
    "auth.prompt_password": "Contraseña de editor: ",
    "auth.prompt_repeat": "Repita la contraseña: ",
    "auth.passwords_differ": "Las contraseñas no coinciden.",
    "auth.password_too_short": "La contraseña debe tener al menos {minimum} caracteres.",
    # Schema version (hdras.core.migrations)
    "schema.newer": "La base de datos {path} es de una versión más nueva de hdras (esquema "
                    "{found}; este código conoce hasta el {known}). Actualice el código (git "
                    "pull) antes de abrirla. No se cambió nada.",
    "schema.unreadable": "La versión de esquema registrada en la base de datos («{value}») no es "
                         "un número: la base no es de hdras o está dañada.",
    "schema.cannot_migrate": "No se puede migrar la tabla {table}: le falta la columna "
                             "obligatoria {column}. No se cambió nada; avise al equipo técnico.",
    # Copies (hdras.core.backups, `hdras backup`)
    "backup.exists": "Ya existe {path}: elija otro nombre (una copia nunca sobrescribe un "
                     "archivo).",
    "backup.write_error": "No se pudo escribir la copia {path}: {detail}. No se cambió nada. "
                          "Revise el espacio en disco y los permisos de la carpeta (las copias "
                          "automáticas se desactivan con HDRAS_AUTO_BACKUPS=0).",
    "backup.no_database": "No hay base de datos en {path}: no hay nada que copiar.",
    "backup.same_file": "La copia no puede escribirse sobre la propia base de datos ({path}).",
    "backup.written": "Copia escrita en {path}: {summary}.",
    "backup.need_target": "Indique el archivo de la copia (hdras backup SALIDA.duckdb) o use "
                          "--list para ver las copias automáticas.",
    "backup.list_header": "Copias automáticas de {path} en {folder} (se conservan las {keep} más "
                          "recientes hechas antes de importar o revertir; las hechas antes de "
                          "restaurar o migrar no se borran):",
    "backup.list_none": "Aún no hay copias automáticas de {path}: se hacen en {folder} antes de "
                        "cada importación y reversión.",
    "backup.list_off": "Las copias automáticas antes de importar y revertir están desactivadas "
                       "(HDRAS_AUTO_BACKUPS=0).",
    "backup.list_hint": "Para volver a una de ellas: hdras restore ARCHIVO (la base actual queda "
                        "guardada aparte).",
    "backup.kind.import": "antes de importar",
    "backup.kind.rollback": "antes de revertir",
    "backup.kind.restore": "antes de restaurar",
    "backup.kind.migration": "antes de migrar",
    "backup.summary": "lotes: {batches} (último: {last}); valores de metas: {goals}; reportes de "
                      "actividades: {activities}; escenarios guardados: {scenarios}; esquema "
                      "{version}",
    "backup.summary_unreadable": "no se pudo leer ({detail})",
    # Restore (hdras.admin.restore, `hdras restore`)
    "restore.missing": "No existe el archivo {path}. No se cambió nada.",
    "restore.not_duckdb": "{path} no es una copia de hdras: no es un archivo de base de datos "
                          "DuckDB. No se cambió nada.",
    "restore.damaged": "{path} no es una copia utilizable: está dañada o incompleta ({detail}). "
                       "No se cambió nada.",
    "restore.newer_duckdb": "{path} fue escrita por una versión de DuckDB que esta instalación no "
                            "puede leer ({detail}). Actualice el código o use otra copia. No se "
                            "cambió nada.",
    "restore.foreign": "{path} es una base DuckDB, pero no de hdras (no tiene sus tablas). No se "
                       "cambió nada.",
    "restore.missing_tables": "{path} no es una copia completa de hdras: le faltan las tablas "
                              "{tables}. No se cambió nada.",
    "restore.missing_columns": "{path} no es una copia de un esquema conocido: a la tabla "
                               "{table} le faltan las columnas {columns}. No se cambió nada.",
    "restore.newer": "{path} es de una versión más nueva de hdras (esquema {found}; este código "
                     "conoce hasta el {known}). Actualice el código antes de restaurarla. No se "
                     "cambió nada.",
    "restore.same_file": "{path} es la base de datos en uso: indique una copia.",
    "restore.done": "Base de datos {target} restaurada desde {path}: {summary}.",
    "restore.migrated": "La copia era del esquema {found}; se llevó al esquema {known} sin "
                        "perder filas de avance.",
    "restore.aside": "La base anterior quedó guardada en {aside}. Para deshacer la restauración: "
                     "hdras restore {aside}",
    "restore.dashboard": "Un tablero abierto muestra la base restaurada en su próxima acción "
                         "(basta recargar la página).",
    # Shared mode (hdras.admin.serve, `hdras serve`; design §8)
    "serve.no_password": "hdras serve no se inicia sin una contraseña de editor: en modo "
                         "compartido cualquiera en la red abre el tablero y solo los editores "
                         "que inician sesión pueden cargar, revertir o guardar escenarios.\n"
                         "1. Cree el hash de la contraseña:  .venv/bin/python -m hdras "
                         "hash-password\n"
                         "2. Copie la línea editor_password_hash = \"scrypt$…\" que imprime en "
                         "{secrets} (vea .streamlit/secrets.toml.example), o exporte la variable "
                         "de entorno HDRAS_EDITOR_PASSWORD_HASH con ese hash.\n"
                         "3. Vuelva a ejecutar hdras serve. No se sirvió nada.",
    "serve.bad_secrets": "No se pudo leer {path}: {detail}. Corrija el archivo (formato TOML) y "
                         "vuelva a intentar. No se sirvió nada.",
    "serve.port_busy": "No se puede servir en {address}:{port}: {detail}. Elija otro puerto con "
                       "--port o detenga el programa que lo usa. No se sirvió nada.",
    "serve.starting": "Sirviendo el tablero en modo compartido en {where}, puerto {port} (base "
                      "de datos {db}). Desde otro equipo abra {url}. Los lectores ven todo; solo los editores que inician sesión "
                      "cargan, revierten o guardan escenarios. Registro de importaciones, "
                      "reversiones e inicios de sesión fallidos: en esta salida. Ctrl+C detiene "
                      "el servidor.",
    "serve.all_interfaces": "todas las interfaces de red ({address})",
    "serve.this_machine_url": "http://IP-DE-ESTE-EQUIPO:{port}",
    "serve.port_range": "el puerto debe ser un número entre 1 y 65535",
    "serve.stopped": "Servidor detenido.",
    "serve.exited": "El servidor de Streamlit terminó con el código {status}; revise los mensajes "
                    "anteriores.",
    "auth.shared_mode": "Modo compartido: cualquiera en la red puede ver el tablero; solo los "
                        "editores que inician sesión cargan, revierten o guardan escenarios.",
    "auth.no_editor_configured": "Este servidor no tiene contraseña de editor: nadie puede editar. "
                                 "Quien lo administra debe crearla con hdras hash-password y "
                                 "reiniciar hdras serve.",
    # The server's log (hdras.admin.audit): one line per event, on standard output
    "audit.import": "importación · lote {batch_id} · por «{by}» · archivo «{filename}» · sha256 "
                    "{sha256} · {goals} valores de metas · {activities} reportes de "
                    "actividades{demo}",
    "audit.demo": " · datos ficticios",
    "audit.rollback": "reversión · lote {batch_id} · por «{by}»",
    "audit.sign_in": "inicio de sesión · editor «{name}» · cliente {client}",
    "audit.sign_in_failed": "inicio de sesión fallido · nombre «{name}» · cliente {client} · "
                            "{failures} intento(s) fallido(s) seguidos{lock}",
    "audit.locked": " · acceso bloqueado {seconds} s",
}
